using CityServices.Identity.Tokens;

namespace CityServices.Identity.Tests;

/// <summary>
/// What each client may ask the token server for (<see cref="ScopeTable"/>), row by row: the scopes a
/// request is granted, or the words of its <c>invalid_scope</c> refusal. TokenRequestRefusalTests
/// sends the refused rows to a running token server.
/// </summary>
public sealed class ScopeTableTests
{
    /// <summary>A card sign-in: requested scope, departments where the holder is staff → granted scopes.</summary>
    public static TheoryData<string?, string[], string> CardGrants => new()
    {
        { null, [], "citizen" },
        { "", [], "citizen" },
        { "citizen", [], "citizen" },
        { "citizen", ["health-records"], "citizen" },
        { "citizen health-records", ["health-records"], "citizen health-records" },
        { "health-records", ["health-records"], "citizen health-records" },
        { "  citizen   trade ", ["trade", "voting"], "citizen trade" },
    };

    /// <summary>A card sign-in refused: requested scope, staff departments → words the refusal must hold.</summary>
    public static TheoryData<string, string[], string> CardRefusals => new()
    {
        { "citizen trade voting", ["trade", "voting"], "at most one department" },
        { "citizen health-records trade", ["health-records", "trade"], "at most one department" },
        { "trade voting", [], "at most one department" },
        { "citizen trade", ["health-records"], "no staff role in trade" },
        { "voting", [], "no staff role in voting" },
        { "citizen audit", [], "may not ask for 'audit'" },
        { "citizen bogus", [], "may not ask for 'bogus'" },
        { "CITIZEN", [], "may not ask for 'CITIZEN'" },
        { "citizen citizen", [], "'citizen' is asked for more than once" },
        { "citizen trade trade", ["trade"], "'trade' is asked for more than once" },
        { "citizen\ttrade", ["trade"], "outside the scope syntax" },
        { "citizen,trade", ["trade"], "may not ask for 'citizen,trade'" },
        { "citizen \"trade\"", ["trade"], "outside the scope syntax" },
        { "citizen h\u00e9alth", [], "outside the scope syntax" },
    };

    /// <summary>A confidential client: requested scope, configured scopes → granted scopes.</summary>
    public static TheoryData<string?, string[], string> ClientGrants => new()
    {
        { null, ["health-records"], "health-records" },
        { "", ["health-records"], "health-records" },
        { "health-records", ["health-records"], "health-records" },
        { null, ["identity", "audit"], "identity audit" },
        { "audit", ["identity", "audit"], "audit" },
        { "audit identity", ["identity", "audit"], "audit identity" },
    };

    /// <summary>A confidential client refused: requested scope, configured scopes → words the refusal must hold.</summary>
    public static TheoryData<string, string[], string> ClientRefusals => new()
    {
        { "trade", ["health-records"], "may not ask for 'trade'; it may ask for: health-records" },
        { "health-records trade", ["health-records"], "may not ask for 'trade'" },
        { "citizen", ["health-records"], "may not ask for 'citizen'" },
        { "audit", ["health-records"], "may not ask for 'audit'" },
        { "bogus", ["audit"], "may not ask for 'bogus'" },
        { "health-records health-records", ["health-records"], "more than once" },
        { "health-records\u0000", ["health-records"], "outside the scope syntax" },
        { "health-records\u202e", ["health-records"], "outside the scope syntax" },
    };

    [Theory]
    [MemberData(nameof(CardGrants))]
    public void A_card_sign_in_is_granted_citizen_and_at_most_its_holders_department(string? scope, string[] staffIn, string granted)
    {
        var decision = ScopeTable.ForCard(scope, staffIn);

        Assert.Null(decision.Refusal);
        Assert.Equal(granted.Split(' '), decision.Granted);
    }

    [Theory]
    [MemberData(nameof(CardRefusals))]
    public void A_card_sign_in_asking_for_anything_else_is_refused_and_says_why(string scope, string[] staffIn, string because)
    {
        var decision = ScopeTable.ForCard(scope, staffIn);

        Assert.Empty(decision.Granted);
        Assert.Contains(because, decision.Refusal, StringComparison.Ordinal);
        AssertPrintableAscii(decision.Refusal!);
    }

    [Theory]
    [MemberData(nameof(ClientGrants))]
    public void A_client_is_granted_what_it_asks_of_its_configured_scopes_or_all_of_them(string? scope, string[] configured, string granted) =>
        Assert.Equal(granted.Split(' '), ScopeTable.ForClient(scope, configured).Granted);

    [Theory]
    [MemberData(nameof(ClientRefusals))]
    public void A_client_asking_beyond_its_configured_scopes_is_refused_and_says_why(string scope, string[] configured, string because)
    {
        var decision = ScopeTable.ForClient(scope, configured);

        Assert.Empty(decision.Granted);
        Assert.Contains(because, decision.Refusal, StringComparison.Ordinal);
        AssertPrintableAscii(decision.Refusal!);
    }

    [Fact]
    public void The_table_knows_every_scope_and_gives_a_card_no_audit_and_a_client_no_citizen()
    {
        Assert.Equal(["identity", "health-records", "trade", "voting", "sharing", "audit", "citizen"], ScopeTable.All);
        Assert.Equal(["citizen", "identity", "health-records", "trade", "voting", "sharing"], ScopeTable.CardGrantable);
        Assert.Equal(["identity", "health-records", "trade", "voting", "sharing", "audit"], ScopeTable.ClientGrantable);
    }

    // error_description is printable ASCII but '"' and '\' (RFC 6749 §5.2).
    private static void AssertPrintableAscii(string description) =>
        Assert.All(description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"U+{(int)c:X4} in \"{description}\""));
}
