using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>
/// Tests that load hundreds of thousands of entries into the emulators of this process run on their own: other
/// tests measure this process's memory (the engine's bound), and must not count these tables as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeDataCollection
{
    public const string Name = "Large data, run alone";
}
