using System;

namespace Synced.Core.Time;

/// <summary>A time or time range given by the user cannot be used; the message names the parameter and value.</summary>
public sealed class InvalidTimeRangeException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    /// <param name="parameterName">The parameter that holds the bad value, e.g. <c>Begin</c>.</param>
    /// <param name="value">The value as given, already quoted / formatted for the message.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    public InvalidTimeRangeException(string parameterName, string value, string problem)
        : base($"-{parameterName} {value}: {problem}.")
    {
        Parameter = parameterName;
        Value = value;
    }

    /// <summary>The parameter that holds the bad value.</summary>
    public string Parameter { get; }

    /// <summary>The value as given.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string Message => base.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0];
}
