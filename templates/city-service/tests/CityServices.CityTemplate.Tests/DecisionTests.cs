using CityServices.CityTemplate.Cases;
using CityServices.CityTemplate.Cases.Closing;
using CityServices.CityTemplate.Cases.Noting;
using CityServices.CityTemplate.Cases.Opening;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.CityTemplate.Tests;

/// <summary>The decisions as the pure functions they are: state, command and time in, events out.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Case Open = Case.Create(new CaseOpened(CaseId, "Broken street light", "clerk", Now.AddDays(-1)));

    [Fact]
    public void Opening_a_case_trims_its_subject_and_names_who_opened_it()
    {
        var opened = OpenCaseEndpoint.Decide(CaseId, new OpenCase("  Broken street light "), "clerk", Now);

        Assert.Equal(new CaseOpened(CaseId, "Broken street light", "clerk", Now), opened);
    }

    [Fact]
    public void A_note_on_an_open_case_is_added_and_evolves_the_case()
    {
        var events = AddCaseNoteEndpoint.Decide(Open, new AddCaseNote("Crew sent"), "clerk", Now);

        Assert.Equal([new CaseNoteAdded(CaseId, "Crew sent", "clerk", Now)], events);
        var evolved = Case.Evolve(Open, events[0]);
        Assert.Equal([new CaseNote("Crew sent", "clerk", Now)], evolved.Notes);
        Assert.Equal(Open with { Notes = evolved.Notes }, evolved);
    }

    [Fact]
    public void A_note_on_a_closed_case_is_refused_as_a_conflict()
    {
        var closed = Case.Evolve(Open, new CaseClosed(CaseId, "Repaired", "clerk", Now));

        Assert.Throws<ConflictException>(() => AddCaseNoteEndpoint.Decide(closed, new AddCaseNote("Too late"), "clerk", Now));
    }

    [Fact]
    public void Closing_a_closed_case_again_changes_nothing()
    {
        var closed = Case.Evolve(Open, new CaseClosed(CaseId, "Repaired", "clerk", Now));

        Assert.Equal([new CaseClosed(CaseId, "Repaired", "clerk", Now)], CloseCaseEndpoint.Decide(Open, new CloseCase(" Repaired "), "clerk", Now));
        Assert.Empty(CloseCaseEndpoint.Decide(closed, new CloseCase("Repaired"), "clerk", Now.AddHours(1)));
    }
}
