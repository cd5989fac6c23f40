using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

[TestFixture]
public sealed class SharePathTests
{
    [Test]
    public void Empty_path_is_the_root()
    {
        StoreStatus status = SharePath.TryParse("", out SharePath path);

        Assert.That(status, Is.EqualTo(StoreStatus.Success));
        Assert.That(path.IsRoot, Is.True);
        Assert.That(path.Name, Is.Empty);
        Assert.That(path.Parent.IsRoot, Is.True);
    }

    [Test]
    public void Components_are_split_on_backslashes()
    {
        StoreStatus status = SharePath.TryParse("dir\\sub dir\\file.txt", out SharePath path);

        Assert.That(status, Is.EqualTo(StoreStatus.Success));
        Assert.That(path.Components, Is.EqualTo(new[] { "dir", "sub dir", "file.txt" }));
        Assert.That(path.Name, Is.EqualTo("file.txt"));
        Assert.That(path.Parent.ToString(), Is.EqualTo("dir\\sub dir"));
        Assert.That(path.ToString(), Is.EqualTo("dir\\sub dir\\file.txt"));
    }

    [TestCase("\\leading")]
    [TestCase("trailing\\")]
    [TestCase("double\\\\separator")]
    [TestCase("..")]
    [TestCase("a\\..\\b")]
    [TestCase(".")]
    [TestCase("a\\.")]
    [TestCase("/etc/passwd")]
    [TestCase("C:\\Windows")]
    [TestCase("file.txt:stream")]
    [TestCase("wild*")]
    [TestCase("wild?")]
    [TestCase("dos<")]
    [TestCase("dos>")]
    [TestCase("dos\"")]
    [TestCase("pipe|")]
    [TestCase("control\u0001")]
    public void Paths_breaking_the_naming_rules_are_name_invalid(string path) =>
        Assert.That(SharePath.TryParse(path, out _), Is.EqualTo(StoreStatus.ObjectNameInvalid));

    [Test]
    public void Names_are_one_to_255_characters()
    {
        Assert.That(SharePath.IsValidName(""), Is.False);
        Assert.That(SharePath.IsValidName("x"), Is.True);
        Assert.That(SharePath.IsValidName(new string('x', 255)), Is.True);
        Assert.That(SharePath.IsValidName(new string('x', 256)), Is.False);
    }

    [Test]
    public void Whole_path_is_limited_to_32767_characters()
    {
        string component = new('x', 200);
        string atLimit = string.Join('\\', Enumerable.Repeat(component, 163)) + "\\" + new string('y', 32_767 - (163 * 201));

        Assert.That(atLimit, Has.Length.EqualTo(32_767));
        Assert.That(SharePath.TryParse(atLimit, out _), Is.EqualTo(StoreStatus.Success));
        Assert.That(SharePath.TryParse(atLimit + "z", out _), Is.EqualTo(StoreStatus.ObjectNameInvalid));
    }

    [TestCase("name", true)]
    [TestCase(".hidden", true)]
    [TestCase("a.b.c", true)]
    [TestCase(" leading space", true)]
    [TestCase("trailing.", false)]
    [TestCase("trailing ", false)]
    [TestCase("...", false)]
    public void New_names_must_not_end_in_a_period_or_space(string name, bool valid) =>
        Assert.That(SharePath.IsValidNewName(name), Is.EqualTo(valid));

    [Test]
    public void Same_or_below_compares_components_ignoring_case()
    {
        SharePath.TryParse("A\\b", out SharePath ancestor);
        SharePath.TryParse("a\\B\\c", out SharePath below);
        SharePath.TryParse("a\\bc", out SharePath sibling);

        Assert.That(below.IsSameOrBelow(ancestor), Is.True);
        Assert.That(ancestor.IsSameOrBelow(ancestor), Is.True);
        Assert.That(sibling.IsSameOrBelow(ancestor), Is.False);
        Assert.That(ancestor.IsSameOrBelow(below), Is.False);
        Assert.That(below.IsSameOrBelow(SharePath.Root), Is.True);
    }
}
