using System.Diagnostics;
using FluentAssertions;
using Fuzz;

namespace CaseManagement.ResilienceTests;

/// <summary>
/// The drills read what the processes they start print (a dev-token's token, a node's log) from the file
/// <see cref="ServiceProcess.StartLogged"/> writes. A line lost there was a token lost: the request that carried it was refused
/// 401 and the fuzz fixtures made nothing, intermittently, on busy machines.
/// </summary>
public sealed class the_process_log
{
    [Fact]
    public async Task holds_every_line_a_short_lived_process_printed_once_it_has_exited()
    {
        const int Runs = 300;
        var folder = Directory.CreateTempSubdirectory("process-log-");
        try
        {
            var incomplete = new List<string>();
            // Many at once, as on a busy machine: the process exits while its last lines are still on their way to the file.
            await Parallel.ForEachAsync(Enumerable.Range(0, Runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, _) =>
            {
                var file = Path.Combine(folder.FullName, $"{run}.log");
                using var process = ServiceProcess.StartLogged(new ProcessStartInfo("/bin/sh", ["-c", $"echo out-{run}; echo err-{run} >&2"]), file);
                await process.WaitForExitAsync();
                var lines = await File.ReadAllLinesAsync(file);
                if (!lines.Contains($"out-{run}") || !lines.Contains($"err-{run}"))
                {
                    lock (incomplete)
                    {
                        incomplete.Add($"run {run}: [{string.Join(", ", lines)}]");
                    }
                }
            });

            incomplete.Should().BeEmpty("the log is complete once the process has exited and its output was read to the end ({0} runs)", Runs);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
