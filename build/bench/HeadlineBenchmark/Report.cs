using System.Globalization;
using System.Text;
using BenchSupport;
using CaseManagement.Shops;
using ScopingBenchmark;
using static BenchSupport.Figures;

namespace HeadlineBenchmark;

/// <summary>One platform's headline pass, with what surrounded it (start-up, first monitoring pass, warm-up) and the raw baseline.</summary>
internal sealed record HeadlineResult(
    ShopPlatform Platform,
    string Database,
    long StoredOrders,
    int Orders,
    bool Reused,
    TimeSpan ServiceReady,
    TimeSpan FirstMonitoringPass,
    TimeSpan WarmUpTotal,
    FlowResult Flow,
    RawRun RawBefore,
    RawRun RawAfter,
    long MailsBeforePause,
    string LoadBefore,
    string LoadAtStart,
    string LoadAtEnd,
    string LoadAfter)
{
    public static readonly TimeSpan Goal = TimeSpan.FromMinutes(5);

    public string Name => Platform == ShopPlatform.WooCommerce ? "WooCommerce (HPOS)" : "Magento 2";

    /// <summary>The faster raw run: the ratio is not flattered by a raw run that met more load.</summary>
    public TimeSpan Raw => RawBefore.Elapsed < RawAfter.Elapsed ? RawBefore.Elapsed : RawAfter.Elapsed;

    /// <summary>How many times the raw aggregate's time the scoping step took (reading, storing each person encrypted, recording the scope).</summary>
    public double ScopingToRaw => Flow.Scoping / Raw;

    public bool MeetsGoal => Flow.Total < Goal;

    public bool PeopleAgree => Flow.People == RawBefore.Counts.People && Flow.People == RawAfter.Counts.People;
}

internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Title(ShopPlatform platform) =>
        $"## Headline: alert to campaign ready to send, {(platform == ShopPlatform.WooCommerce ? "WooCommerce" : "Magento 2")}";

    public static string Console(HeadlineResult r) => string.Create(Invariant,
        $"{r.Name}, {r.Orders:N0} orders: alert to campaign ready in {Seconds(r.Flow.Total)} (goal < {Seconds(HeadlineResult.Goal)}: " +
        $"{(r.MeetsGoal ? "met" : "missed")}); scoping step {Seconds(r.Flow.Scoping)} = {r.ScopingToRaw:0.0}x the raw aggregate's {Seconds(r.Raw)}; " +
        $"{r.Flow.People:N0} people (raw: {r.RawBefore.Counts.People:N0}); load {r.LoadAtStart} -> {r.LoadAtEnd}");

    public static string Markdown(HeadlineResult r, HostMachine machine)
    {
        var md = new StringBuilder();
        md.AppendLine(Title(r.Platform)).AppendLine();
        md.AppendLine("Goal (product issue 19): from an alert about a 1,000,000-order shop to a campaign approved and ready to send (scoping, deadlines, " +
                      "templates approved, campaign planned), machine time only, per platform, in under 5 minutes on this machine. Machine time: every step " +
                      "is started by the benchmark through the service's HTTP API as soon as the previous one is done; the time people take to decide is not counted.")
            .AppendLine();
        md.AppendLine(Invariant, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on `{r.Database}`: {r.Orders:N0} orders, {r.Orders / 2:N0} customers" +
                                 $"{(r.Orders == 1_000_000 ? "" : " (**not the issue's 1,000,000 orders**)")}; one timed pass, after an untimed warm-up pass through " +
                                 $"the same flow on a small shop.");
        if (machine.BusyBeforeWarning(r.LoadBefore) is { } busy)
        {
            md.AppendLine().AppendLine(busy);
        }

        md.AppendLine().AppendLine("| Step | Time | What the service did |").AppendLine("|---|--:|---|");
        foreach (var step in r.Flow.Steps)
        {
            md.AppendLine(Invariant, $"| {step.Name} | {Seconds(step.Elapsed)} | {step.Detail} |");
        }

        md.AppendLine(Invariant, $"| **Total: alert to campaign ready to send** | **{Seconds(r.Flow.Total)}** ({r.Flow.Total:m\\:ss}) | goal < 5:00: " +
                                 $"**{(r.MeetsGoal ? "met" : "missed")}** |");
        md.AppendLine();
        md.AppendLine(Invariant, $"**{r.Name}: {Seconds(r.Flow.Total)} from the alert to a campaign ready to send** (goal < {Seconds(HeadlineResult.Goal)}: " +
                                 $"{(r.MeetsGoal ? "met" : "**missed**")}). The scoping step took {Seconds(r.Flow.Scoping)}, **{r.ScopingToRaw:0.0}× the raw SQL " +
                                 $"aggregate** of the same shop ({Seconds(r.Raw)}, the faster of {Seconds(r.RawBefore.Elapsed)} before and " +
                                 $"{Seconds(r.RawAfter.Elapsed)} after the flow), and {(double)r.Flow.Scoping.Ticks / r.Flow.Total.Ticks:P0} of the total.").AppendLine();

        md.AppendLine("| | |").AppendLine("|---|--:|");
        md.AppendLine(Invariant, $"| Orders stored (`{(r.Platform == ShopPlatform.WooCommerce ? "wp_wc_orders" : "sales_order")}`) | {r.StoredOrders:N0} |");
        md.AppendLine(Invariant, $"| People found by the scoping run / by the raw aggregate | {r.Flow.People:N0} / {r.RawBefore.Counts.People:N0}" +
                                 $"{(r.PeopleAgree ? "" : " (**differ**)")} |");
        md.AppendLine(Invariant, $"| Jurisdictions / obligations on the deadline view (with a due date) / duties ordered before the notice | {r.Flow.Jurisdictions} / " +
                                 $"{r.Flow.Obligations} / {r.Flow.OrderingDuties} |");
        md.AppendLine(Invariant, $"| Campaign recipients / batches planned | {r.Flow.Recipients:N0} / {r.Flow.Batches:N0} |");
        md.AppendLine(Invariant, $"| Not timed: service start to ready (Development) / the shop's first monitoring pass / warm-up pass | " +
                                 $"{Seconds(r.ServiceReady)} / {Seconds(r.FirstMonitoringPass)} / {Seconds(r.WarmUpTotal)} |");
        md.AppendLine(Invariant, $"| Mails that left before the benchmark paused the campaign (MailSink) | {r.MailsBeforePause:N0} |");
        md.AppendLine(Invariant, $"| Load average (1, 5, 15 min): before the run / at the flow's start / at its end / after | {r.LoadBefore} / {r.LoadAtStart} / " +
                                 $"{r.LoadAtEnd} / {r.LoadAfter} |");

        md.AppendLine().AppendLine("What is measured:").AppendLine();
        md.AppendLine("- **The service**: `src/CaseManagement` built in Release, started as its own process (`dotnet CaseManagement.dll`, Development, as the " +
                      "fuzzer starts it: Wolverine compiles its handler code when first used, hence the warm-up) on a loopback port, on an empty PostgreSQL " +
                      "database of its own (`casemanagement_headline`), sending mail to an in-process MailSink. Tokens from its own `dev-token` for four " +
                      "people: an admin, a responder who is also a compliance lead, a second compliance lead and an approver.");
        md.AppendLine("- **Before the alert (not timed)**: the admin registers the shop (connection test, read-only user) and an alert source " +
                      "(`generic` format); the benchmark runs the shop's first monitoring pass itself (`POST …/monitoring/passes`, which records the baseline), " +
                      "as a shop is registered and baselined long before an alert; scheduled passes are an hour away (`Monitoring:IntervalMinutes=60`), " +
                      "so none falls inside the flow.");
        md.AppendLine("- **The flow (timed)**: the steps above, in order, each through the API as README documents it. A step the service finishes in the " +
                      "background ends when a read shows it done, polled every 100 ms: the alert's triage item; the scoping run `completed` and the incident " +
                      "`scoped`; the deadline view computed from the incident's latest version; the campaign's plan (`total` set). The scope covers every " +
                      "order of the shop (the generator's whole year) with four data categories. Templates are drafted from the shipped US-CA and EU examples.");
        md.AppendLine("- **Raw baseline**: `RawAggregate.cs` of the scoping benchmark, the same scoping as one SQL aggregate evaluated in MariaDB, run " +
                      "before and after the flow in the same process; the scoping step is compared with the faster run. The scoping step does more than " +
                      "the aggregate: it streams every person, stores each with their contact encrypted, and records the counts and the scope.");
        md.AppendLine("- **After the plan (not timed)**: the lead pauses the campaign (rate 60 a minute) so the benchmark sends no notices to speak of.");
        md.AppendLine().AppendLine("Not measured: sending the notices; a network between the service, PostgreSQL and MariaDB (all on this machine); " +
                                   "the published (ReadyToRun, pre-generated code) binary in Production, which the start-up benchmark measures.");
        md.AppendLine().AppendLine("Reproduce: `bash build/bench/run.sh headline --platform " +
                                   $"{(r.Platform == ShopPlatform.WooCommerce ? "woocommerce" : "magento")}` (builds the service; generates or reuses the shop; " +
                                   "`--orders N` for another size).").AppendLine();
        md.AppendLine("Machine:").AppendLine();
        md.AppendLine(machine.MarkdownLines()[0]);
        md.AppendLine(Invariant, $"- {machine.Dotnet}; the service, PostgreSQL, MariaDB and the benchmark share the {machine.Cores} cores.");
        return md.ToString();
    }
}
