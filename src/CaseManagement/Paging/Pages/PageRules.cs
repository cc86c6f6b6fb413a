namespace CaseManagement.Paging.Pages;

public abstract record AfterWait
{
    /// <summary>Nothing to do: the page was acknowledged, answered for, or has already moved past this step.</summary>
    public sealed record Nothing(string Why) : AfterWait;

    public sealed record Escalate(PageEscalated Event) : AfterWait;

    public sealed record GiveUp(PageUnanswered Event) : AfterWait;
}

/// <summary>What happens when the time a person had to acknowledge a page is up. Pure.</summary>
public static class PageRules
{
    public static AfterWait WhenWaitEnds(Page page, int step)
    {
        if (page.Status != PageStatus.Open)
        {
            return new AfterWait.Nothing($"the page is {page.Status.ToString().ToLowerInvariant()}");
        }

        if (page.Step != step)
        {
            return new AfterWait.Nothing($"the page already moved from step {step} to step {page.Step}");
        }

        var next = step + 1;
        return next < page.Recipients.Count
            ? new AfterWait.Escalate(new PageEscalated(page.Id, step, next, page.Recipients[step].Name, page.Recipients[next].Name, page.AcknowledgeWithinMinutes))
            : new AfterWait.GiveUp(new PageUnanswered(page.Id, step,
                $"nobody acknowledged: all {page.Recipients.Count} of the on-call order were paged, {page.AcknowledgeWithinMinutes} min each"));
    }
}
