using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Synced.Core.Checkpoints;

/// <summary>
/// Where checkpoints and locks live: -StatePath, else $env:SYNCED_STATE_PATH, else %LOCALAPPDATA%\Synced on
/// Windows and $XDG_STATE_HOME/synced or ~/.local/state/synced elsewhere.
/// </summary>
public static class StateDirectory
{
    /// <summary>The environment variable that overrides the default state directory.</summary>
    public const string EnvironmentVariable = "SYNCED_STATE_PATH";

    /// <summary>Resolves the state directory (not created here).</summary>
    /// <param name="explicitPath">-StatePath, or null.</param>
    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(localAppData, "Synced");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "synced");

        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrWhiteSpace(home))
            throw new InvalidOperationException($"No state directory: HOME is not set. Give a state directory or set ${EnvironmentVariable}.");
        return Path.Combine(home, ".local", "state", "synced");
    }
}
