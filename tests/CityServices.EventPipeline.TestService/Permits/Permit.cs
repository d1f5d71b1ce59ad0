using System.ComponentModel.DataAnnotations;

namespace CityServices.EventPipeline.TestService.Permits;

/// <summary>The closed hierarchy of a permit's events; no members, so stored JSON is each event's own fields.</summary>
public abstract record PermitEvent;

public sealed record PermitApplied(Guid PermitId, string Applicant, string Kind, DateTimeOffset AppliedAt) : PermitEvent;

public sealed record PermitNoteAdded(Guid PermitId, string Note, DateTimeOffset AddedAt) : PermitEvent;

/// <summary>A permit application: the smallest aggregate that exercises streams, versions and publishing.</summary>
public sealed record Permit(Guid Id, string Applicant, string Kind, IReadOnlyList<string> Notes)
{
    public static Permit Create(PermitApplied e) => new(e.PermitId, e.Applicant, e.Kind, []);

    public Permit Apply(PermitNoteAdded e) => this with { Notes = [.. Notes, e.Note] };

    public static PermitApplied Decide(Guid id, ApplyForPermit command, DateTimeOffset now) =>
        new(id, command.Applicant, command.Kind, now);

    public static PermitNoteAdded Decide(Permit state, AddNote command, DateTimeOffset now) =>
        new(state.Id, command.Note, now);
}

public sealed record ApplyForPermit([Required, StringLength(200)] string Applicant, [Required, StringLength(50)] string Kind);

public sealed record AddNote([Required, StringLength(2000)] string Note);

/// <summary>The public announcement of a new application (a test stand-in for a contracts/ event).</summary>
public sealed record PermitApplicationReceived(Guid PermitId, string Kind);
