using CityServices.EventPipeline.Catalog;
using Published = CityServices.Contracts.CityTemplate;

namespace CityServices.CityTemplate.Cases;

/// <summary>
/// Every event of a case's stream derives from this closed hierarchy. It has no members, so the
/// stored JSON of each event (a hashed, public format) is exactly its own positional fields.
/// </summary>
public abstract record CaseEvent;

public sealed record CaseOpened(Guid CaseId, string Subject, string OpenedBy, DateTimeOffset OpenedAt) : CaseEvent;

public sealed record CaseNoteAdded(Guid CaseId, string Text, string AddedBy, DateTimeOffset AddedAt) : CaseEvent;

public sealed record CaseClosed(Guid CaseId, string Outcome, string ClosedBy, DateTimeOffset ClosedAt) : CaseEvent;

public static class CaseEvents
{
    /// <summary>Stored aliases are a public format (leaf records): never rename one, add a new event instead.</summary>
    public static void RecordCaseEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Record<CaseOpened>("city-template.case_opened")
            .PublishAs(e => new Published.CaseOpened(e.CaseId, e.OpenedAt));
        catalog.Record<CaseNoteAdded>("city-template.case_note_added");
        catalog.Record<CaseClosed>("city-template.case_closed")
            .PublishAs(e => new Published.CaseClosed(e.CaseId, e.Outcome, e.ClosedAt));
    }
}
