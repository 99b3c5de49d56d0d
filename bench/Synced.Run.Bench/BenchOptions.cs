using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Synced.Run.Bench;

/// <summary>The bench's command line.</summary>
internal sealed class BenchOptions
{
    public int Ids { get; private set; } = 550_000;
    public int Small { get; private set; } = 100_000;
    public int Large { get; private set; } = 1_000_000;
    public string Module { get; private set; } = "";
    public string Emulator { get; private set; } = "";
    public string RepositoryRoot { get; private set; } = "";
    public string? Only { get; private set; }
    public string Index { get; private set; } = "both";

    /// <summary>--run-args "...": more parameters for every Invoke-SyncedRun (e.g. "-Parallelism 8 -BatchSize 1000").</summary>
    public string RunArguments { get; private set; } = "";

    /// <summary>--trace DIR: each pwsh run goes under dotnet-trace (CPU sampling), one .nettrace per run in DIR.</summary>
    public string? TraceDirectory { get; private set; }

    public bool Runs(string scenario) => Only is null || string.Equals(Only, scenario, StringComparison.OrdinalIgnoreCase);

    /// <summary>Without and with a storage-attached index (--index without|with|both).</summary>
    public IEnumerable<bool> IndexVariants()
    {
        if (Index is "without" or "both") yield return false;
        if (Index is "with" or "both") yield return true;
    }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { RepositoryRoot = FindRoot() };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--ids": options.Ids = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--small": options.Small = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--large": options.Large = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--module": options.Module = Path.GetFullPath(Next()); break;
                case "--emulator": options.Emulator = Path.GetFullPath(Next()); break;
                case "--only": options.Only = Next(); break;
                case "--index": options.Index = Next(); break;
                case "--trace": options.TraceDirectory = Path.GetFullPath(Next()); break;
                case "--run-args": options.RunArguments = Next(); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (options.Module.Length == 0) options.Module = Path.Combine(options.RepositoryRoot, "out", "Synced", "Synced.psd1");
        if (options.Emulator.Length == 0) options.Emulator = Path.Combine(options.RepositoryRoot, "tests", "Synced.Emulators", "bin", "Release", "net10.0", "Synced.Emulators.dll");
        if (!File.Exists(options.Module)) throw new ArgumentException($"the module {options.Module} is not built (./build.ps1 Build)");
        if (!File.Exists(options.Emulator)) throw new ArgumentException($"the emulator {options.Emulator} is not built (./build.ps1 Build)");
        return options;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Synced.PowerShell.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
