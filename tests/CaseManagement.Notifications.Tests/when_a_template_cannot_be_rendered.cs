using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_a_template_cannot_be_rendered
{
    private static IReadOnlyList<TemplateProblem> ProblemsOf(NotificationTemplate template)
    {
        var render = () => TemplateRenderer.Render(template, Given.Model);
        return render.Should().Throw<TemplateRenderException>().Which.Problems;
    }

    [Fact]
    public void a_misspelt_member_is_named_with_its_line_and_column()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice", "Dear customer,\n\nHello {{ recipient.nmae }}!"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "body", Line = 3, Column = 10 }, "the author must find the typo without searching");
        problems[0].Message.Should().StartWith("unknown variable 'recipient.nmae'").And.Contain("recipient.name");
    }

    [Fact]
    public void a_misspelt_root_variable_is_refused()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice", "{{ recipent.name }}"));

        problems.Should().ContainSingle().Which.Message.Should().StartWith("unknown variable 'recipent'");
    }

    [Fact]
    public void a_typo_in_a_branch_this_recipient_never_takes_is_still_refused()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice",
            "{% if incident.breach_ended_at == nil %}\nOngoing since {{ incident.breach_stared_at }}\n{% endif %}"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "body", Message = "unknown variable 'incident.breach_stared_at'", Line = 2 },
            options => options.Using<string>(c => c.Subject.Should().StartWith(c.Expectation)).WhenTypeIs<string>(),
            "another recipient would take that branch");
    }

    [Fact]
    public void a_problem_in_the_subject_names_the_subject()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice for {{ recipient.nmae }}", "body"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "subject", Line = 1, Column = 15 });
    }

    [Fact]
    public void an_unknown_filter_is_refused_instead_of_passing_the_value_through()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice", "line one\n{{ recipient.name | shout }}"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "body", Message = "unknown filter 'shout'", Line = 2, Column = 19 });
    }

    [Fact]
    public void an_unclosed_tag_is_a_syntax_error_where_fluid_finds_it()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice", "Hello\n{% if recipient.name %}\nDear {{ recipient.name }}"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "body", Message = "syntax error: '{% endif %}' was expected", Line = 3 });
    }

    [Fact]
    public void an_unclosed_output_is_a_syntax_error_with_its_line()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice", "Hello\nDear {{ recipient.name \nBye"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "body", Line = 2 });
        problems[0].Message.Should().StartWith("syntax error:");
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "{{ recipient.nmae }}", "{{ incident.whatever }} {{ incident.reference | shout }}"));

        problems.Select(p => p.Field).Should().Equal("subject", "body", "body");
    }

    [Fact]
    public void variables_the_template_declares_itself_are_allowed()
    {
        var template = Given.Email("US-CA", "s",
            "{% assign who = recipient.name | default: 'Customer' %}{% capture ref %}#{{ incident.reference }}{% endcapture %}"
            + "{% for c in incident.data_categories %}{{ forloop.index }}.{{ c | downcase }} {% endfor %}{{ who }} {{ ref }}");

        TemplateRenderer.Render(template, Given.Model).Body.Should().EndWith("Jordan Miller #INC-2026-0042");
    }

    [Fact]
    public void a_variable_used_before_it_is_assigned_is_refused_when_rendering()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "s", "{{ greeting }} there\n{% assign greeting = 'Hello' %}"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "body", Message = "variable 'greeting' is not defined where it is used", Line = 1 });
    }

    [Fact]
    public void an_email_needs_a_subject()
    {
        var problems = ProblemsOf(Given.Email("US-CA", " ", "body"));

        problems.Should().ContainSingle().Which.Field.Should().Be("subject");
    }

    [Fact]
    public void a_subject_must_render_to_one_line()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "Notice{% for c in recipient.data_categories %}\n{{ c }}{% endfor %}", "body"));

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Field = "subject", Message = "the rendered subject spans several lines; a subject must be one line" });
    }

    [Fact]
    public void what_fluid_cannot_evaluate_is_a_problem_not_a_crash()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "s", "{% include 'letterhead' %}"));

        problems.Should().ContainSingle().Which.Message.Should().StartWith("cannot be rendered:", "includes are not available to notices");
    }

    [Fact]
    public void a_body_that_renders_to_nothing_is_refused()
    {
        var problems = ProblemsOf(Given.Email("US-CA", "s", "{% if recipient.phone == 'none' %}Hello{% endif %}"));

        problems.Should().ContainSingle().Which.Message.Should().Be("the rendered body is empty");
    }
}
