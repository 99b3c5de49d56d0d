using System;

namespace Synced.Core.Time;

/// <summary>A time or time range given by the user cannot be used; the message names the parameter and value.</summary>
public sealed class InvalidTimeRangeException : ArgumentException
{
    private static readonly string[] ParameterSuffix = { " (Parameter" };

    /// <summary>Creates the error.</summary>
    /// <param name="parameter">
    /// The setting that holds the bad value, e.g. <c>Begin</c> (a run's setting, not an argument of the method that
    /// throws, so the exception's <see cref="ArgumentException.ParamName"/> stays empty).
    /// </param>
    /// <param name="value">The value as given, already quoted / formatted for the message.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    public InvalidTimeRangeException(string parameter, string value, string problem)
        : base($"-{parameter} {value}: {problem}.")
    {
        Parameter = parameter;
        Value = value;
    }

    /// <summary>The parameter that holds the bad value.</summary>
    public string Parameter { get; }

    /// <summary>The value as given.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string Message => base.Message.Split(ParameterSuffix, StringSplitOptions.None)[0];
}
