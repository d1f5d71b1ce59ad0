namespace CityServices.Audit.Output;

/// <summary>A run that ended because a service refused or failed: neither verified nor failed.</summary>
public sealed record CouldNotCheckResult(string CouldNotCheck) : IAuditResult
{
    public bool Verified => false;

    string? IAuditResult.Inconclusive => CouldNotCheck;

    public void WriteText(TextWriter output) => output.WriteLine($"COULD NOT CHECK: {CouldNotCheck}");
}
