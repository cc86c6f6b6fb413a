using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security.Pii;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// Two scoping runs of one organisation find the same people for the first time, at the same moment. A run stores a batch's
/// new keys with one COPY; only one COPY can win, and every run must end up encrypting under the key that was stored, never
/// under one that lost the race (its ciphertext would be unreadable for good).
/// </summary>
public sealed class when_scoping_runs_race_for_the_same_new_people(AppFixture fixture) : ServiceScenario(fixture)
{
    private const int People = 300;
    private const int Runs = 4;

    [Fact]
    public async Task every_run_encrypts_under_the_one_key_each_person_gets()
    {
        var organisation = $"bulk-{Guid.NewGuid():N}"[..16];
        var vault = Host.Services.GetRequiredService<PiiVault>();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var subjects = Enumerable.Range(0, People).Select(i => $"bulk-race-{i}-{Guid.NewGuid():N}").ToList();

        var runs = await Task.WhenAll(Enumerable.Range(1, Runs).Select(async run =>
        {
            await using var session = store.LightweightSession(organisation);
            return await vault.ProtectManyAsync(session, [.. subjects.Select(s => (s, new string?[] { $"{s}@run{run}.test", null }))], CancellationToken.None);
        }));

        await using var query = store.QuerySession(organisation);
        for (var run = 0; run < Runs; run++)
        {
            runs[run].Should().HaveCount(People);
            runs[run].Should().OnlyContain(values => values[1] == null, "a missing value stays missing");
            var revealed = await vault.RevealManyAsync(query, [.. runs[run].Select(values => values[0])], CancellationToken.None);
            revealed.Should().Equal(subjects.Select(s => $"{s}@run{run + 1}.test"),
                "run {0}'s values decrypt with the stored keys, whichever run stored them", run + 1);
        }

        (await query.Query<DataSubjectKey>().CountAsync(k => subjects.Contains(k.Id))).Should().Be(People, "each person has one key");
    }
}
