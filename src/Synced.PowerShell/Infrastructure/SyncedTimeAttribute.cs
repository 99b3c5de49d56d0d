using System;
using System.Management.Automation;
using Synced.Core.Time;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// The one argument transformation every time parameter uses: [datetime] (Local converted, Unspecified taken
/// as UTC), [datetimeoffset], ISO 8601 strings, and unix epoch seconds (the original CLI's
/// <c>-b 1420070400</c>), all to a UTC [datetime].
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SyncedTimeAttribute : ArgumentTransformationAttribute
{
    /// <summary>Creates the transformation for the parameter <paramref name="parameterName"/>.</summary>
    public SyncedTimeAttribute(string parameterName) => ParameterName = parameterName;

    /// <summary>The parameter's name, for the error message.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null) return null;
        try
        {
            return TimeInput.ToUtc(value, ParameterName);
        }
        catch (InvalidTimeRangeException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
