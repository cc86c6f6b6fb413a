using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

public sealed class the_php_object
{
    [Fact]
    public void an_object_keeps_its_class_name_and_ordered_properties()
    {
        const string serialized = """O:8:"stdClass":2:{s:4:"name";s:3:"Bob";s:3:"age";i:42;}""";

        var value = PhpSerializer.Deserialize(serialized);

        value.Should().Be(new PhpObject("stdClass", PhpArray.Map(("name", "Bob"), ("age", 42))));
        ((PhpObject)value).ClassName.Text.Should().Be("stdClass");
        PhpSerializer.Serialize(value).Should().Be(serialized);
    }

    [Fact]
    public void protected_and_private_property_names_keep_their_nul_mangling()
    {
        const string serialized = "O:11:\"WC_Session_\":2:{s:7:\"\0*\0data\";a:0:{}s:15:\"\0WC_Session_\0id\";i:5;}";

        var value = (PhpObject)PhpSerializer.Deserialize(serialized);

        value.Properties["\0*\0data"].Should().Be(PhpArray.Empty);
        value.Properties["\0WC_Session_\0id"].Should().Be(new PhpInt(5));
        PhpSerializer.Serialize(value).Should().Be(serialized);
    }

    [Fact]
    public void an_object_inside_an_array_can_be_edited_and_written_back()
    {
        const string serialized = """a:1:{s:6:"widget";O:8:"stdClass":1:{s:5:"title";s:5:"Hello";}}""";
        var array = (PhpArray)PhpSerializer.Deserialize(serialized);
        var widget = (PhpObject)array["widget"];

        var edited = array.With("widget", widget with { Properties = widget.Properties.With("title", "") });

        PhpSerializer.Serialize(edited).Should().Be("""a:1:{s:6:"widget";O:8:"stdClass":1:{s:5:"title";s:0:"";}}""");
    }
}
