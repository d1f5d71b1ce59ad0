namespace CityServices.Audit.Verification;

/// <summary>One step of a verification: what was checked, whether it held, and the values behind the answer.</summary>
public sealed record Check(string Name, bool Passed, string Detail)
{
    public static Check Pass(string name, string detail) => new(name, true, detail);

    public static Check Fail(string name, string detail) => new(name, false, detail);

    public override string ToString() => $"{(Passed ? "ok  " : "FAIL")} {Name}: {Detail}";
}
