using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using KVaccine.BuildingBlocks.Web;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>
/// A request's FluentValidation rules as schema constraints (required, lengths, ranges, patterns, formats), read from
/// the validators that enforce them, so a rule is written once. A conditional rule does not always hold and is left out.
/// </summary>
internal sealed class ValidationRules(IServiceProvider services) : ISchemaFilter, IParameterFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } target) return;
        var rules = RulesOf(context.Type);
        if (rules.Count == 0) return;
        foreach (var (name, property) in target.Properties)
        {
            if (property is OpenApiSchema constrained && Describe(rules, name, constrained))
                (target.Required ??= new HashSet<string>()).Add(name);
        }
    }

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        // A parameter of a request bound [AsParameters]: a property, or a parameter of the record's constructor.
        var container = context.PropertyInfo?.DeclaringType ?? (context.ParameterInfo?.Member as System.Reflection.ConstructorInfo)?.DeclaringType;
        if (container is null || parameter is not OpenApiParameter { Name: { } name, Schema: OpenApiSchema schema } target) return;
        if (Describe(RulesOf(container), name, schema)) target.Required = true;
    }

    private ILookup<string, (IPropertyValidator Validator, IRuleComponent Options)> RulesOf(Type type) =>
        services.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>()
            .SelectMany(v => v.CreateDescriptor().GetMembersWithValidators().SelectMany(g => g.Select(rule => (Member: g.Key, Rule: rule))))
            .ToLookup(x => x.Member, x => x.Rule, StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes the member's unconditional rules into its schema; whether they refuse a missing value.</summary>
    private static bool Describe(ILookup<string, (IPropertyValidator Validator, IRuleComponent Options)> rules, string member, OpenApiSchema schema)
    {
        var required = false;
        foreach (var (validator, options) in rules[member])
        {
            if (options.HasCondition || options.HasAsyncCondition) continue;
            switch (validator)
            {
                case INotNullValidator:
                    required = true;
                    break;
                case INotEmptyValidator:
                    required = true;
                    if (IsString(schema)) schema.MinLength = Math.Max(schema.MinLength ?? 0, 1);
                    break;
                case ILengthValidator length:
                    if (length.Min > 0) schema.MinLength = length.Min;
                    if (length.Max >= 0) schema.MaxLength = length.Max;
                    break;
                case IBetweenValidator between when validator.Name.StartsWith("Exclusive", StringComparison.Ordinal):
                    (schema.ExclusiveMinimum, schema.ExclusiveMaximum) = (Number(between.From), Number(between.To));
                    break;
                case IBetweenValidator between:
                    (schema.Minimum, schema.Maximum) = (Number(between.From), Number(between.To));
                    break;
                case IComparisonValidator { ValueToCompare: { } value } comparison:
                    switch (comparison.Comparison)
                    {
                        case Comparison.GreaterThan: schema.ExclusiveMinimum = Number(value); break;
                        case Comparison.GreaterThanOrEqual: schema.Minimum = Number(value); break;
                        case Comparison.LessThan: schema.ExclusiveMaximum = Number(value); break;
                        case Comparison.LessThanOrEqual: schema.Maximum = Number(value); break;
                    }
                    break;
                case IRegularExpressionValidator regex:
                    AddPattern(schema, regex.Expression);
                    break;
                case IShapedValidator shaped:
                    required |= shaped.RefusesNull;
                    if (shaped.Shape.MaxLength is { } max) schema.MaxLength = max;
                    if (shaped.Shape.Pattern is { } pattern) AddPattern(schema, pattern);
                    if (shaped.Shape.Format is { } format) schema.Format = format;
                    break;
            }
        }
        // A rule that refuses a missing value refuses null too.
        if (required && schema.Type is { } type) schema.Type = type & ~JsonSchemaType.Null;
        return required;
    }

    private static bool IsString(OpenApiSchema schema) => schema.Type is { } type && type.HasFlag(JsonSchemaType.String);

    private static string Number(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    // A schema has one pattern; a second must hold too.
    private static void AddPattern(OpenApiSchema schema, string pattern)
    {
        if (schema.Pattern is null) schema.Pattern = pattern;
        else (schema.AllOf ??= []).Add(new OpenApiSchema { Pattern = pattern });
    }
}
