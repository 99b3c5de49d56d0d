using System;
using System.Linq.Expressions;
using System.Reflection;
using System.Threading;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Turns SIGTERM (systemd stop, <c>docker stop</c>, Kubernetes; on Windows a system shutdown) into a
/// cancellation the continuous loop treats as a requested stop, instead of the runtime ending the process at
/// once. Uses <c>PosixSignalRegistration</c> (.NET 6+, so pwsh 7) through reflection, because the module is
/// built for Windows PowerShell 5.1 too, where it does nothing.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private const int SigTerm = -4; // PosixSignal.SIGTERM
    private readonly CancellationTokenSource _received = new();
    private readonly IDisposable? _registration;

    private ShutdownSignal(Func<Action<int>, IDisposable?> register) => _registration = register(OnSignal);

    /// <summary>Cancelled when the signal arrives.</summary>
    public CancellationToken Token => _received.Token;

    /// <summary>True once the signal arrived: the process was asked to end.</summary>
    public bool Received => _received.IsCancellationRequested;

    /// <summary>True when the runtime can report the signal (pwsh 7 on any system).</summary>
    public bool IsSupported => _registration is not null;

    /// <summary>Starts listening for SIGTERM until disposed.</summary>
    public static ShutdownSignal Listen() => new(Register);

    private void OnSignal(int signal)
    {
        try
        {
            _received.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static IDisposable? Register(Action<int> callback)
    {
        var assembly = typeof(object).Assembly;
        var registrationType = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices") ?? assembly.GetType("System.Runtime.InteropServices.PosixSignalRegistration");
        var signalType = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices") ?? assembly.GetType("System.Runtime.InteropServices.PosixSignal");
        var contextType = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices") ?? assembly.GetType("System.Runtime.InteropServices.PosixSignalContext");
        if (registrationType is null || signalType is null || contextType is null) return null;

        // context => { context.Cancel = true; callback((int)context.Signal); }: Cancel keeps the runtime from
        // ending the process, so the run under way can stop at a safe point and the cmdlet can return.
        var actionType = typeof(Action<>).MakeGenericType(contextType);
        var context = Expression.Parameter(contextType, "context");
        var body = Expression.Block(
            Expression.Assign(Expression.Property(context, "Cancel"), Expression.Constant(true)),
            Expression.Invoke(Expression.Constant(callback), Expression.Convert(Expression.Property(context, "Signal"), typeof(int))));
        var handler = Expression.Lambda(actionType, body, context).Compile();
        var create = registrationType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, null, new[] { signalType, actionType }, null);
        if (create is null) return null;
        try
        {
            return create.Invoke(null, new object[] { Enum.ToObject(signalType, SigTerm), handler }) as IDisposable;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _registration?.Dispose();
        _received.Dispose();
    }
}
