using CaseManagement.Readiness.Exercises.Clock;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// A <c>DateTimeOffset now</c> parameter of an endpoint or handler reads the clock of the tenant it acts in
/// (<see cref="CaseClock"/>): the service's <see cref="TimeProvider"/> for an organisation, the exercise's clock inside an
/// exercise (ADR 24). Decisions stay pure functions of their inputs, and a test or an exercise can move the clock.
/// </summary>
public sealed class ServiceClock : IVariableSource
{
    public bool Matches(Type type) => type == typeof(DateTimeOffset);

    public Variable Create(Type type) => new ReadNow().Now;

    private sealed class ReadNow : SyncFrame
    {
        // Wolverine.Http binds each parameter named "now" with a fresh variable from this source, so an endpoint whose
        // validation and decision both take it gets two of these frames. The first one written declares "now"; the
        // others write nothing, and both methods see the one instant.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GeneratedMethod, object> Declared = [];

        private Variable? _clock;

        public ReadNow() => Now = new Variable(typeof(DateTimeOffset), "now", this);

        public Variable Now { get; }

        public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
        {
            _clock = chain.FindVariable(typeof(CaseClock));
            yield return _clock;
        }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            if (Declared.TryAdd(method, this))
            {
                writer.Write($"var {Now.Usage} = {_clock!.Usage}.{nameof(CaseClock.Now)}();");
            }

            Next?.GenerateCode(method, writer);
        }
    }
}
