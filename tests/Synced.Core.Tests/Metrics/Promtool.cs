using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Synced.Core.Tests.Metrics;

/// <summary>
/// The real <c>promtool check metrics</c> (Debian package <c>prometheus</c>; <c>build.ps1 Bootstrap</c>
/// installs it), which parses the exposition format and lints names, types and help.
/// </summary>
internal static class Promtool
{
    public static string Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "promtool.exe" } : new[] { "promtool" };
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0).SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "promtool is not installed: the metrics are checked with the real one. Run ./build.ps1 Bootstrap (it installs the Debian package 'prometheus'), or install Prometheus' promtool.");
    }

    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="text"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) CheckMetrics(string text)
    {
        var info = new ProcessStartInfo(Find(), "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException("promtool did not finish in 60 s"); }
        return (process.ExitCode, output.Result + error.Result);
    }
}
