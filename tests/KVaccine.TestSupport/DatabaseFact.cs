using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KVaccine.TestSupport;

/// <summary>
/// A test that runs on each database its class's fixtures give: written once in a class generic over its fixture,
/// run by a subclass per provider. In a class named <c>…OnPostgreSql</c> it is skipped, saying why, when there is no
/// PostgreSQL for the tests (<see cref="PostgreSqlServer.Unavailable"/>); .ci/run fails on any skipped test.
/// </summary>
[XunitTestCaseDiscoverer("KVaccine.TestSupport.DatabaseFactDiscoverer", "KVaccine.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute
{
    /// <summary>About what only SQLite does (one host serving a file): not run in a class for PostgreSQL.</summary>
    public bool SqliteOnly { get; set; }
}

/// <summary>A theory that runs on each database, as <see cref="DatabaseFactAttribute"/> does.</summary>
[XunitTestCaseDiscoverer("KVaccine.TestSupport.DatabaseTheoryDiscoverer", "KVaccine.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (DatabaseSkip.IsOnPostgreSql(testMethod) && factAttribute.GetNamedArgument<bool>(nameof(DatabaseFactAttribute.SqliteOnly))) return [];
        return DatabaseSkip.Of(diagnostics, options, testMethod) is { } skipped ? [skipped]
            : [new XunitTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        DatabaseSkip.Of(DiagnosticMessageSink, options, testMethod) is { } skipped ? [skipped] : base.Discover(options, testMethod, theoryAttribute);
}

internal static class DatabaseSkip
{
    public const string PostgreSqlSuffix = "OnPostgreSql";

    public static bool IsOnPostgreSql(ITestMethod testMethod) => testMethod.TestClass.Class.Name.EndsWith(PostgreSqlSuffix, StringComparison.Ordinal);

    public static IXunitTestCase? Of(IMessageSink diagnostics, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod) =>
        IsOnPostgreSql(testMethod) && PostgreSqlServer.Unavailable is { } why
            ? new XunitSkippedDataRowTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod,
                $"Skipped: no PostgreSQL. {why}")
            : null;
}
