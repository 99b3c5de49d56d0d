using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Synced.PowerShell.LoadContext;

/// <summary>
/// Synced's own load context on PowerShell 7. The engine (Synced.Core, Synced.Cql) and every third-party
/// dependency load here, from the module's <c>dependencies</c> folder, so that a different version of one of them
/// that another module loads never meets ours. What pwsh itself provides (the runtime's System.* assemblies,
/// PowerShell's own) comes from the default context, shared with the cmdlets. The default context reaches the
/// engine through one <see cref="AssemblyLoadContext.Resolving"/> handler that answers for the engine's assembly
/// names only, and so can never change what another module gets.
/// On Linux x64 the build also ships ahead-of-time compiled (ReadyToRun) copies of the same assemblies in
/// <c>dependencies/linux-x64</c>; loaded from there, a fresh pwsh skips most of their just-in-time compiling.
/// </summary>
public sealed class EngineLoadContext : AssemblyLoadContext
{
    private static readonly object Gate = new();
    private static EngineLoadContext? _current;

    /// <summary>The folder of the ReadyToRun copies, named after the platform they were compiled for.</summary>
    private const string NativeImageFolder = "linux-x64";

    private readonly string _directory;
    private readonly string? _nativeDirectory;
    private readonly HashSet<string> _engineAssemblies;
    private readonly HashSet<string> _provided;
    private int _imports;

    private EngineLoadContext(string directory, IEnumerable<string> engineAssemblies)
        : base("Synced", isCollectible: false)
    {
        _directory = directory;
        _nativeDirectory = NativeImageDirectory(directory);
        _engineAssemblies = new HashSet<string>(engineAssemblies, StringComparer.OrdinalIgnoreCase);
        _provided = ProvidedAssemblies();
    }

    /// <summary>
    /// One import of the module (each runspace imports it): creates the context on the first (once per process, so
    /// a module imported again keeps the engine it already bound) and lets the default context ask it for the
    /// engine's assemblies while any import is left.
    /// </summary>
    /// <param name="dependencyDirectory">The module's <c>dependencies</c> folder.</param>
    /// <param name="engineAssemblies">The simple names of the engine's assemblies, which the cmdlets reference.</param>
    public static void Attach(string dependencyDirectory, string[] engineAssemblies)
    {
        lock (Gate)
        {
            _current ??= new EngineLoadContext(dependencyDirectory, engineAssemblies);
            if (_current._imports++ == 0) Default.Resolving += _current.ResolveEngine;
        }
    }

    /// <summary>
    /// One removal of the module (Remove-Module): after the last, the default context is no longer answered; what is
    /// bound already stays bound.
    /// </summary>
    public static void Detach()
    {
        lock (Gate)
        {
            if (_current is not { _imports: > 0 } current) return;
            if (--current._imports == 0) Default.Resolving -= current.ResolveEngine;
        }
    }

    /// <summary>
    /// The module's own copy of an assembly it ships; null for what pwsh provides and for what the module does not
    /// ship, which then comes from the default context.
    /// </summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name) || _provided.Contains(name)) return null;
        var file = name + ".dll";
        if (_nativeDirectory is not null && File.Exists(Path.Combine(_nativeDirectory, file)))
            return LoadFromAssemblyPath(Path.Combine(_nativeDirectory, file));
        var path = Path.Combine(_directory, file);
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>
    /// The folder of ReadyToRun copies this process can run, or null. Their native code is for one OS and processor,
    /// and the runtime refuses such an image on another platform (BadImageFormatException) rather than falling back
    /// to its IL: so they are used on Linux x64 only, and everywhere else the plain assemblies next to them. They are
    /// also compiled against one runtime (its version is in <c>runtime.txt</c> beside them): an older major version
    /// (pwsh 7.4 and 7.5 run on .NET 8 and 9) loads the plain assemblies, as does a folder without that file.
    /// </summary>
    private static string? NativeImageDirectory(string directory)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        var path = Path.Combine(directory, NativeImageFolder);
        var marker = Path.Combine(path, "runtime.txt");
        try
        {
            return File.Exists(marker) && Version.TryParse(File.ReadAllText(marker).Trim(), out var compiledFor) && Environment.Version.Major >= compiledFor.Major
                ? path
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable: the plain assemblies always work
        }
    }

    private Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName assemblyName)
        => assemblyName.Name is { } name && _engineAssemblies.Contains(name) ? LoadFromAssemblyName(assemblyName) : null;

    /// <summary>
    /// The names of the assemblies pwsh provides: its trusted platform assemblies (the runtime's and PowerShell's own
    /// folder). The build never ships them in <c>dependencies</c>; this keeps the rule should one slip in.
    /// </summary>
    private static HashSet<string> ProvidedAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                names.Add(Path.GetFileNameWithoutExtension(path));
        }
        return names;
    }
}
