using System;

namespace Synced.Core.Connections;

/// <summary>
/// A setting cannot be used: names it (a property of <see cref="ConnectionSettings"/>), says why and what to give
/// instead, and, where another setting would do, names that one too, so a caller can point at its own names for them.
/// </summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="setting">The setting at fault, e.g. <c>nameof(ConnectionSettings.ConnectTimeout)</c>.</param>
    /// <param name="message">What is wrong and what to give instead.</param>
    /// <param name="alternative">Another setting that would set it right, or null.</param>
    /// <param name="inner">The underlying error.</param>
    public InvalidSettingException(string setting, string message, string? alternative = null, Exception? inner = null)
        : base(message, inner)
    {
        Setting = setting ?? throw new ArgumentNullException(nameof(setting));
        Alternative = alternative;
    }

    /// <summary>The setting at fault.</summary>
    public string Setting { get; }

    /// <summary>Another setting that would set it right (e.g. a read consistency of its own), or null.</summary>
    public string? Alternative { get; }
}
