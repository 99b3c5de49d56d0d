using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Gives the cmdlets their engine. The module root holds only this assembly (and, for PowerShell 7, the load
/// context's); the engine (Synced.Core, Synced.Cql) and the third-party dependencies sit in <c>dependencies</c>,
/// which PowerShell never reads by itself.
/// <list type="bullet">
/// <item><description>PowerShell 7 (.NET): they load into Synced's own load context
/// (Synced.PowerShell.LoadContext's <c>EngineLoadContext</c>), so another module's version of any of them cannot
/// clash with ours; the default context asks that context for the engine's assemblies by name, and for nothing
/// else.</description></item>
/// <item><description>Windows PowerShell 5.1 (.NET Framework, no load contexts): an AppDomain resolve hook loads
/// the names found in <c>dependencies</c> and <c>dependencies/desktop</c> (the BCL packages pwsh 7 already
/// provides).</description></item>
/// </list>
/// PowerShell loads the cmdlet types before <see cref="OnImport"/> runs, so nothing they need to load (such as the
/// enums of their parameters) may live in the engine.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The engine's assemblies, which the cmdlets reference by these names.</summary>
    private static readonly string[] EngineAssemblies = { "Synced.Core", "Synced.Cql" };

    private const string LoadContextAssembly = "Synced.PowerShell.LoadContext";

    /// <summary>The .NET major version the load context assembly targets (PowerShell 7.4 runs on .NET 8).</summary>
    private const int MinimumDotNet = 8;
    private const string LoadContextType = "Synced.PowerShell.LoadContext.EngineLoadContext";

    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
    private static readonly string DesktopDependencyDirectory = Path.Combine(DependencyDirectory, "desktop");

    /// <summary>True on .NET (PowerShell 7), whose core library has load contexts; false on .NET Framework.</summary>
    private static readonly bool HasLoadContexts = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") is not null;

    /// <inheritdoc />
    public void OnImport()
    {
        if (HasLoadContexts) CallLoadContext("Attach", DependencyDirectory, EngineAssemblies);
        else AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        OutputRendering.PlainTextWhenRedirected();
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (HasLoadContexts) CallLoadContext("Detach");
        else AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
    }

    /// <summary>
    /// Calls the load context's static method: that assembly targets .NET 8, which this netstandard2.0 assembly
    /// (loadable by Windows PowerShell too) cannot reference, so it is reached by name.
    /// </summary>
    private static void CallLoadContext(string method, params object[] arguments)
    {
        if (Environment.Version.Major < MinimumDotNet)
            throw new PlatformNotSupportedException(
                $"Synced needs PowerShell 7.4 or later (.NET {MinimumDotNet}) or Windows PowerShell 5.1; this PowerShell runs on .NET {Environment.Version}. Update PowerShell, then import Synced again.");
        var path = Path.Combine(ModuleDirectory, LoadContextAssembly + ".dll");
        var type = Assembly.LoadFrom(path).GetType(LoadContextType, throwOnError: true)!;
        var target = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(LoadContextType, method);
        try
        {
            target.Invoke(null, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name)) return null;
        foreach (var directory in new[] { DependencyDirectory, DesktopDependencyDirectory })
        {
            var candidate = Path.Combine(directory, name + ".dll");
            if (File.Exists(candidate)) return Assembly.LoadFrom(candidate);
        }
        return null;
    }
}
