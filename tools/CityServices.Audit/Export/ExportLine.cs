namespace CityServices.Audit.Export;

/// <summary>One NDJSON line of an audit export, numbered from 1 so findings can point at it.</summary>
public sealed record ExportLine(long Number, string Text);
