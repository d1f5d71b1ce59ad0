namespace CityServices.EventPipeline.Streams;

/// <summary>What a command did to a stream: the version it is at now and the events it appended (none when nothing changed).</summary>
public sealed record Decided<TEvent>(long Version, IReadOnlyList<TEvent> Events)
    where TEvent : notnull;
