namespace CityServices.Audit.Output;

/// <summary>A command's outcome: rendered as text for people, serialised whole for <c>--json</c>.</summary>
public interface IAuditResult
{
    bool Verified { get; }

    void WriteText(TextWriter output);
}
