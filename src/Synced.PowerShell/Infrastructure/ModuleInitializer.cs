using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Resolves the module's dependencies from its own <c>dependencies</c> folder (and, on Windows PowerShell,
/// <c>dependencies/desktop</c>, which holds the BCL packages pwsh 7 already provides). Keeping them out of the
/// module root means PowerShell never loads them by itself, so they cannot clash with assemblies of other
/// modules; the hook only answers for names that are in those folders.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
    private static readonly string DesktopDependencyDirectory = Path.Combine(DependencyDirectory, "desktop");

    /// <inheritdoc />
    public void OnImport()
    {
        AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        OutputRendering.PlainTextWhenRedirected();
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

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
