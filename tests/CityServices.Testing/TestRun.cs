using Xunit;

namespace CityServices.Testing;

/// <summary>
/// The running test's cancellation token, written once: test projects that reference this one
/// import it statically (tests/Directory.Build.targets), so every test reads <c>Ct</c>.
/// </summary>
public static class TestRun
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
