using System;
using System.Globalization;
using System.Management.Automation;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Lets a [timespan] parameter take plain numbers as seconds (PowerShell alone would read <c>-Overlap 10</c>
/// as 10 ticks); strings such as <c>00:00:10</c> and [timespan] values pass through.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecondsTimeSpanAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                var seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds)
                    throw new ArgumentTransformationMetadataException($"{value} seconds is not a usable time span.");
                return TimeSpan.FromSeconds(seconds);
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return TimeSpan.FromSeconds(parsed);
            default:
                return inputData;
        }
    }
}
