using System;
using System.Reflection;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Keeps colour codes out of logs. pwsh 7's console host writes ANSI escape sequences (coloured error and
/// verbose messages, list labels, table headers) even when its standard output is a file or a pipe (cron,
/// systemd, <c>docker logs</c>, a redirect), as long as <c>$PSStyle.OutputRendering</c> is <c>Host</c>, the
/// default, and TERM is not <c>dumb</c>. When the module is imported in such a process it switches
/// <c>Host</c> to <c>PlainText</c>; an explicit <c>Ansi</c> is kept, and NO_COLOR already gives
/// <c>PlainText</c>. Windows PowerShell 5.1 has no <c>$PSStyle</c> and writes no escape codes.
/// </summary>
internal static class OutputRendering
{
    /// <summary>Applies the rule; true when it switched the rendering to PlainText.</summary>
    public static bool PlainTextWhenRedirected()
    {
        bool redirected;
        try
        {
            redirected = Console.IsOutputRedirected;
        }
        catch (Exception ex) when (ex is System.IO.IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return false;
        }
        if (!redirected) return false;

        var styleType = typeof(System.Management.Automation.PSObject).Assembly.GetType("System.Management.Automation.PSStyle");
        var instance = styleType?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        var rendering = styleType?.GetProperty("OutputRendering", BindingFlags.Public | BindingFlags.Instance);
        if (instance is null || rendering is null || !rendering.CanWrite) return false;
        if (!string.Equals(rendering.GetValue(instance)?.ToString(), "Host", StringComparison.Ordinal)) return false;
        rendering.SetValue(instance, Enum.Parse(rendering.PropertyType, "PlainText"));
        return true;
    }
}
