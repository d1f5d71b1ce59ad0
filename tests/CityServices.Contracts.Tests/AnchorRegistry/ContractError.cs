namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>A decoded custom error: its name and its arguments as <c>name=value</c> text.</summary>
internal sealed record ContractError(string Name, string Arguments);
