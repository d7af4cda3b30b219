using System.Diagnostics;

namespace KVaccine.ArchitectureTests;

/// <summary>
/// The deployment files (deploy/k8s, deploy/compose) hold to the Kubernetes schemas and to the host's settings, as
/// deploy/validate checks them; here so that the README's test command covers them. It needs node, deploy's npm
/// packages and docker-compose, which .ci/run installs; on a machine without them it skips, saying which.
/// </summary>
public sealed class DeploymentFilesTests
{
    [SkippableFact]
    public async Task The_deployment_files_pass_deploy_validate()
    {
        var root = RepositoryRoot();
        var missing = Missing(root);
        Skip.If(missing is not null, missing);

        var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "validate")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, $"deploy/validate names each file and why:\n{await output}{await error}");
    }

    private static string? Missing(string root)
    {
        if (!OnPath("node")) return "node is not installed (deploy/validate runs on it; .ci/run installs npm, which brings it)";
        if (!Directory.Exists(Path.Combine(root, "deploy", "node_modules", "kubernetes-models")))
            return "deploy/node_modules is missing: npm ci --prefix deploy --no-audit --no-fund";
        if (!OnPath("docker-compose") && !Succeeds("docker", "compose", "version"))
            return "neither docker-compose nor docker compose is installed (apt-get install docker-compose)";
        return null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static bool Succeeds(string program, params string[] arguments)
    {
        if (!OnPath(program)) return false;
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit(TimeSpan.FromSeconds(30));
        return process.HasExited && process.ExitCode == 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KVaccine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("The repository root (KVaccine.sln) was not found.");
    }
}
