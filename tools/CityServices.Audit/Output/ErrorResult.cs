namespace CityServices.Audit.Output;

/// <summary>Nothing could be verified because an input could not be read or a service could not be reached.</summary>
public sealed record ErrorResult(string Error) : IAuditResult
{
    public bool Verified => false;

    public void WriteText(TextWriter output) => output.WriteLine($"ERROR: {Error}");
}
