using System.Diagnostics;

namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>The ABI and bytecode the services use must be exactly what the committed source compiles to.</summary>
public class CompiledArtefactTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task A_fresh_compile_of_the_source_equals_the_committed_abi_and_bytecode_byte_for_byte()
    {
        var committed = CommittedArtefacts.In(infrastructure);
        var output = Directory.CreateTempSubdirectory("anchor-registry-");
        try
        {
            await CompileAsync(committed.Folder, output.FullName);

            foreach (var file in new[] { CommittedArtefacts.AbiFile, CommittedArtefacts.BytecodeFile, CommittedArtefacts.RuntimeBytecodeFile })
            {
                var fresh = await File.ReadAllBytesAsync(Path.Combine(output.FullName, file), Ct);
                var stored = await File.ReadAllBytesAsync(Path.Combine(committed.Folder, file), Ct);
                Assert.True(fresh.AsSpan().SequenceEqual(stored), $"{file} differs from a fresh compile: run `node contracts/AnchorRegistry/compile.mjs` and commit the result.");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_code_a_deployment_leaves_on_chain_is_the_committed_runtime_bytecode()
    {
        var artefacts = CommittedArtefacts.In(infrastructure);
        var registry = await RegistryClient.DeployAsync(infrastructure, await infrastructure.FundNewAccountAsync(), artefacts);

        var code = await registry.Web3.Eth.GetCode.SendRequestAsync(registry.ContractAddress);

        Assert.Equal("0x" + artefacts.RuntimeBytecode, code);
    }

    private async Task CompileAsync(string sourceFolder, string outputFolder)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(sourceFolder, "compile.mjs"), outputFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (infrastructure.SolcPath is { } solc)
        {
            start.Environment["CITY_SOLC"] = solc;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"compile.mjs failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
