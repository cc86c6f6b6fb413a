using CaseManagement.Infrastructure;
using FluentAssertions;
using JasperFx.CodeGeneration;

namespace CaseManagement.UnitTests.Infrastructure;

/// <summary>Where the handler code comes from at start (ADR 17): never a mode that compiles a missing handler silently.</summary>
public class the_generated_code_mode
{
    public static TheoryData<bool, string?, TypeLoadMode, string> Cases => new()
    {
        { true, null, TypeLoadMode.Dynamic, "because Development compiles at start, so a changed endpoint needs no extra step" },
        { true, "", TypeLoadMode.Dynamic, "because an empty setting is no setting" },
        { false, null, TypeLoadMode.Static, "because every other environment loads the code build/publish.sh generated" },
        { false, "", TypeLoadMode.Static, "because an empty setting must not weaken production" },
        { false, "Dynamic", TypeLoadMode.Dynamic, "because a build without generated code may ask to compile by name (tests, the start-up benchmark)" },
        { false, "dynamic", TypeLoadMode.Dynamic, "because configuration names are read case-insensitively" },
        { true, "Static", TypeLoadMode.Static, "because Development may try the shipped path" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void is_chosen_by_environment_unless_named(bool development, string? setting, TypeLoadMode expected, string because) =>
        GeneratedCode.ModeFor(development, setting).Should().Be(expected, because);

    [Theory]
    [InlineData("Auto")]
    [InlineData("static-ish")]
    public void any_other_name_is_refused_at_start(string setting)
    {
        var choose = () => GeneratedCode.ModeFor(development: false, setting);

        choose.Should().Throw<InvalidOperationException>("Auto would compile a missing handler without saying so, and a typo must not pick a mode")
            .WithMessage($"*'{setting}'*Static*Dynamic*");
    }
}
