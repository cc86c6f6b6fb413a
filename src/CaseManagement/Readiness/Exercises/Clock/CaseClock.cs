using CaseManagement.Rules.Exercises;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Marten;

namespace CaseManagement.Readiness.Exercises.Clock;

/// <summary>
/// The clock the work of one tenant runs on: the service's real clock for an organisation, the exercise's course for an
/// exercise (ADR 24). Decisions read <see cref="Now"/>; what Wolverine schedules at real instants converts with
/// <see cref="RealInstantOf"/>; a recording time (always real) reads as exercise time through <see cref="CaseTimeAt"/>.
/// </summary>
public sealed class CaseClock
{
    private readonly TimeProvider _real;
    private readonly ClockCourse? _course;

    private CaseClock(TimeProvider real, Guid? exerciseId, ClockCourse? course) => (_real, ExerciseId, _course) = (real, exerciseId, course);

    public static CaseClock Real(TimeProvider real) => new(real, null, null);

    public static CaseClock OfExercise(Guid exerciseId, ClockCourse course, TimeProvider real) => new(real, exerciseId, course);

    /// <summary>The exercise whose clock this is; null for an organisation's real clock.</summary>
    public Guid? ExerciseId { get; }

    public DateTimeOffset Now() => _course is null ? _real.GetUtcNow() : _course.CaseTimeAt(_real.GetUtcNow());

    /// <summary>When, in real time, this clock reaches <paramref name="instant"/>: now if it has; null while an exercise is paused short of it.</summary>
    public DateTimeOffset? RealInstantOf(DateTimeOffset instant) => _course is null ? instant : _course.RealInstantOf(instant, _real.GetUtcNow());

    /// <summary>What this clock read at the real instant <paramref name="recordedAt"/>.</summary>
    public DateTimeOffset CaseTimeAt(DateTimeOffset recordedAt) => _course?.CaseTimeAt(recordedAt) ?? recordedAt;
}

/// <summary>Finds the clock of a tenant: no I/O for an organisation, one document read for an exercise.</summary>
public sealed class CaseClocks(IDocumentStore store, TimeProvider real)
{
    public ValueTask<CaseClock> ForAsync(string? tenant, CancellationToken ct) =>
        ExerciseTenants.TryParse(tenant, out var organisation, out var exerciseId)
            ? new ValueTask<CaseClock>(LoadAsync(organisation, exerciseId, ct))
            : ValueTask.FromResult(CaseClock.Real(real));

    private async Task<CaseClock> LoadAsync(string organisation, Guid exerciseId, CancellationToken ct)
    {
        await using var session = store.QuerySession(organisation);
        // A request naming an exercise its organisation does not have reads its clock before ExerciseScope refuses it (the
        // parameters of an endpoint are bound first); that tenant holds nothing, so real time decides nothing there.
        return await session.LoadAsync<Exercise>(exerciseId, ct) is { } exercise ? CaseClock.OfExercise(exerciseId, exercise.Clock, real) : CaseClock.Real(real);
    }
}

/// <summary>
/// A <see cref="CaseClock"/> parameter of an endpoint or handler is the clock of the tenant it acts in (the message's, or the
/// request's as Wolverine detected it), read once per call.
/// </summary>
public sealed class CaseClockSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(CaseClock);

    public Variable Create(Type type) => new ReadCaseClock().Clock;

    private sealed class ReadCaseClock : AsyncFrame
    {
        private Variable? _clocks;
        private Variable? _context;
        private Variable? _cancellation;

        public ReadCaseClock() => Clock = new Variable(typeof(CaseClock), "caseClock", this);

        public Variable Clock { get; }

        public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
        {
            _clocks = chain.FindVariable(typeof(CaseClocks));
            yield return _clocks;
            _context = chain.FindVariable(typeof(IMessageContext));
            yield return _context;
            _cancellation = chain.FindVariable(typeof(CancellationToken));
            yield return _cancellation;
        }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            writer.Write($"var {Clock.Usage} = await {_clocks!.Usage}.{nameof(CaseClocks.ForAsync)}({_context!.Usage}.{nameof(IMessageContext.TenantId)}, {_cancellation!.Usage});");
            Next?.GenerateCode(method, writer);
        }
    }
}
