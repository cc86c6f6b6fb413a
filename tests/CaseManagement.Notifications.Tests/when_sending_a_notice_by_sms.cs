using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_sending_a_notice_by_sms
{
    [Fact]
    public void ten_gsm_segments_can_be_sent()
    {
        var rendered = TemplateRenderer.Render(Given.Sms(new string('a', 1_530)), Given.Model);

        rendered.Body.Should().HaveLength(1_530, "10 concatenated GSM-7 segments carry 153 characters each");
    }

    [Fact]
    public void an_eleventh_segment_is_refused()
    {
        var render = () => TemplateRenderer.Render(Given.Sms(new string('a', 1_531)), Given.Model);

        render.Should().Throw<TemplateRenderException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Be("the SMS is 1,531 characters, 11 GSM-7 segments; at most 10 segments can be sent");
    }

    [Fact]
    public void characters_outside_gsm_7_shrink_the_limit()
    {
        var render = () => TemplateRenderer.Render(Given.Sms("Łódź " + new string('a', 670)), Given.Model);

        render.Should().Throw<TemplateRenderException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("UCS-2", "one Polish letter makes the whole message UCS-2, 67 characters a segment");
    }

    [Fact]
    public void the_length_is_checked_on_what_the_recipient_gets()
    {
        var longName = Given.Model with { Recipient = Given.Model.Recipient with { Name = new string('n', 1_600) } };
        var prepared = TemplateRenderer.Prepare(Given.Sms("Hello {{ recipient.name }}"));

        prepared.Render(Given.Model).Body.Should().Be("Hello Jordan Miller");
        prepared.Invoking(p => p.Render(longName)).Should().Throw<TemplateRenderException>("the same template can be too long for one recipient");
    }

    [Fact]
    public void an_sms_template_has_no_subject()
    {
        var render = () => TemplateRenderer.Render(Given.Sms("body") with { Subject = "Subject" }, Given.Model);

        render.Should().Throw<TemplateRenderException>().Which.Problems.Should().ContainSingle().Which.Field.Should().Be("subject");
    }
}
