using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// What a client is told when the framework could not read its request: which part (the body, a query parameter, a
/// route value) and what it must be. Never the framework's own message, which is written for the developer: it names
/// .NET types and handler parameters, and echoes the value it could not read.
/// </summary>
internal static partial class UnreadableRequest
{
    public static ProblemDetails Describe(HttpContext http, BadHttpRequestException bad) => new()
    {
        Status = bad.StatusCode,
        Title = "The request could not be read.",
        Detail = bad switch
        {
            { StatusCode: StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status413PayloadTooLarge } => ProblemWording.WordsFor(bad.StatusCode).Detail,
            // A JsonException's message names the JSON path of the bad field, never its value.
            { InnerException: JsonException { Path.Length: > 0 } json } => $"The JSON body is not valid at '{json.Path}'.",
            { InnerException: JsonException } => "The JSON body is not valid.",
            _ => DescribeParameter(http, bad) ?? "The request could not be read as sent.",
        },
    };

    /// <summary>
    /// The handler parameter the framework could not bind, found in the endpoint's metadata by the name its message
    /// quotes (the only place the name is given), described by where it comes from and what its type takes.
    /// </summary>
    private static string? DescribeParameter(HttpContext http, BadHttpRequestException bad)
    {
        // The exception handler has taken the endpoint off the request; its feature keeps it.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        if (endpoint is null || QuotedParameter().Match(bad.Message) is not { Success: true } quoted) return null;
        var name = quoted.Groups["name"].Value;
        if (endpoint.Metadata.OfType<IParameterBindingMetadata>().FirstOrDefault(p => p.Name == name) is not { } parameter) return null;

        var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType == type) return "The request needs a JSON body.";

        var attributes = parameter.ParameterInfo.GetCustomAttributes();
        var (source, given) = attributes.OfType<IFromHeaderMetadata>().FirstOrDefault() is { } header
            ? ("header", header.Name ?? name)
            : attributes.OfType<IFromRouteMetadata>().Any() || (endpoint as RouteEndpoint)?.RoutePattern.GetParameter(name) is not null
                ? ("route value", JsonNamingPolicy.CamelCase.ConvertName(name))
                : ("query parameter", JsonNamingPolicy.CamelCase.ConvertName(name));
        var sent = source switch
        {
            "header" => http.Request.Headers.ContainsKey(given),
            "query parameter" => http.Request.Query.ContainsKey(given),
            _ => true,
        };
        return sent ? $"The {source} '{given}' must be {WhatItTakes(type)}." : $"The {source} '{given}' is required.";
    }

    private static string WhatItTakes(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(DateOnly) => "a date written YYYY-MM-DD",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date and time written as in ISO 8601",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "a UUID",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => "written as this API documents it",
    };

    // The framework's messages quote the parameter as "Type name" (or just "name"); what follows may be the client's value.
    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)"(?= )""")]
    private static partial Regex QuotedParameter();
}
