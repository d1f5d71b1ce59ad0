using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>Every check made on one event, in order; the first failed one says why the event does not verify.</summary>
public sealed record EventVerificationResult(Guid? EventId, string? LeafHash, IReadOnlyList<Check> Checks) : IAuditResult
{
    public bool Verified => Checks.Count > 0 && Checks.All(check => check.Passed);

    public Check? FirstFailure => Checks.FirstOrDefault(check => !check.Passed);

    public void WriteText(TextWriter output)
    {
        foreach (var check in Checks)
        {
            output.WriteLine(check);
        }

        output.WriteLine(FirstFailure is { } failure
            ? $"FAILED: event {EventId?.ToString() ?? "?"}: {failure.Name}: {failure.Detail}"
            : $"VERIFIED: event {EventId} is leaf {LeafHash} of a tree head anchored on chain.");
    }
}
