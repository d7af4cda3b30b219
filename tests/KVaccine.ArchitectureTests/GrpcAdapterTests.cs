using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using MediatR;

namespace KVaccine.ArchitectureTests;

/// <summary>
/// The answer to the original's open question: a gRPC adapter sits beside REST without touching the domain. Each
/// module's gRPC services (its <c>Grpc</c> folder, as its pages) reach nothing of the module but its use cases: the
/// MediatR requests its REST routes send and the answers they give; no handler, validator, entity or context.
/// Checked on the compiled code, method bodies included.
/// </summary>
public sealed class GrpcAdapterTests
{
    [Theory]
    [InlineData("User")]
    [InlineData("Hospital")]
    [InlineData("Dashboard")]
    public void A_module_s_gRPC_services_reach_nothing_of_it_but_its_requests_and_their_answers(string module)
    {
        var assembly = Assembly.Load($"KVaccine.Modules.{module}");
        var adapter = assembly.GetTypes().Where(t => t.Namespace == $"KVaccine.Modules.{module}.Grpc" && !t.IsNested && !IsGenerated(t)).ToList();
        adapter.Should().Contain(t => t.BaseType != null && t.BaseType.Namespace == "KVaccine.Grpc.V1", "the module serves a service of the contract");
        var useCases = UseCaseSurface(assembly);

        foreach (var type in adapter)
        {
            var reached = Referenced(type).Where(t => t.Assembly == assembly && t.Namespace != $"KVaccine.Modules.{module}.Grpc" && !IsGenerated(t)).ToHashSet();
            reached.Should().NotBeEmpty($"{type.Name} calls the module's use cases");
            reached.Should().OnlyContain(t => useCases.Contains(t),
                $"{type.Name} may send the module's requests and read their answers, and nothing else of the module ({string.Join(", ", reached.Where(t => !useCases.Contains(t)).Select(t => t.FullName))})");
        }
    }

    [Fact]
    public void The_shared_gRPC_parts_know_no_module()
    {
        var project = XDocument.Load(ModuleBoundaryTests.RepositoryFile("src/KVaccine.Grpc/KVaccine.Grpc.csproj"));
        project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Should().OnlyContain(r => r == "KVaccine.BuildingBlocks");
        Assembly.Load("KVaccine.Grpc").GetReferencedAssemblies().Should().NotContain(a => a.Name!.StartsWith("KVaccine.Modules."));
    }

    /// <summary>The module's requests (what its routes send through MediatR) and every type of their answers, property by property.</summary>
    private static HashSet<Type> UseCaseSurface(Assembly assembly)
    {
        var surface = new HashSet<Type>();
        var pending = new Stack<Type>();
        foreach (var request in assembly.GetTypes().Where(t => t.IsNestedPublic && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))))
        {
            pending.Push(request);
            pending.Push(request.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0]);
        }
        while (pending.TryPop(out var type))
        {
            if (type.IsGenericType)
                foreach (var argument in type.GetGenericArguments()) pending.Push(argument);
            if (type.Assembly != assembly || !surface.Add(type)) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) pending.Push(property.PropertyType);
        }
        return surface;
    }

    /// <summary>Every type a type names: its base, members' signatures, and what its method bodies (and their state machines) use.</summary>
    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        if (type.BaseType is { } @base) found.Add(@base);
        found.AddRange(type.GetFields(all).Select(f => f.FieldType));
        var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).ToList();
        foreach (var method in methods)
        {
            if (method is MethodInfo info) found.Add(info.ReturnType);
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(BodyReferences(method));
        }
        foreach (var nested in type.GetNestedTypes(all)) found.AddRange(Referenced(nested));
        return found.SelectMany(Expand);
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType) return Expand(type.GetElementType()!);
        if (type.IsGenericType && !type.IsGenericTypeDefinition) return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Expand)];
        return [type];
    }

    private static bool IsGenerated(Type type) => type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || type.Name.StartsWith('<');

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types a method's IL names: in type tokens, and as the declaring types and generic arguments of the members it calls or reads.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, at);
                    var member = module.ResolveMember(token, typeArguments, methodArguments);
                    if (member is Type named) yield return named;
                    else if (member?.DeclaringType is { } declaring)
                    {
                        yield return declaring;
                        if (member is MethodInfo { IsGenericMethod: true } generic)
                            foreach (var argument in generic.GetGenericArguments()) yield return argument;
                        if (member is MethodInfo called) yield return called.ReturnType;
                        if (member is FieldInfo field) yield return field.FieldType;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }
}
