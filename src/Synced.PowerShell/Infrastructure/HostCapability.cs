using System;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// What a PowerShell host answers when it does not offer a feature (a screen size, ending its process): hosts
/// other than the console throw instead of answering, each in its own way.
/// </summary>
internal static class HostCapability
{
    // E_NOTIMPL: the HRESULT of the runtime's "not implemented" exception, which hosts throw for members they lack.
    private const int NotImplemented = unchecked((int)0x80004001);

    /// <summary>True when <paramref name="error"/> means the host lacks the feature, not that something went wrong.</summary>
    public static bool IsMissing(Exception error)
        => error is NotSupportedException or InvalidOperationException or System.IO.IOException || error.HResult == NotImplemented;
}
