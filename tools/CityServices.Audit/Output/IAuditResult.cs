namespace CityServices.Audit.Output;

/// <summary>A command's outcome: rendered as text for people, serialised whole for <c>--json</c>.</summary>
public interface IAuditResult
{
    bool Verified { get; }

    /// <summary>Why the run could not check (a refusal or an outage), when it stopped short without proving anything wrong.</summary>
    string? Inconclusive => null;

    void WriteText(TextWriter output);
}
