using System.Reflection;
using System.Xml.Linq;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.ArchitectureTests;

/// <summary>
/// Who may reference whom: a module sees only BuildingBlocks and the other modules' Contracts, never their
/// internals; Contracts hold only what crosses modules. Checked on the compiled assemblies and on the project files.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static readonly string[] Modules = ["User", "Reservation", "Hospital", "Stock", "Dashboard"];

    public static TheoryData<string> ModuleNames => new(Modules);

    private static Assembly ModuleAssembly(string module) => Assembly.Load($"KVaccine.Modules.{module}");

    private static Assembly ContractsAssembly(string module) => Assembly.Load($"KVaccine.Modules.{module}.Contracts");

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_assembly_references_no_other_module_internals(string module)
    {
        var forbidden = Modules.Where(m => m != module).Select(m => $"KVaccine.Modules.{m}").ToHashSet();
        var references = ModuleAssembly(module).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().NotContain(r => forbidden.Contains(r), "modules talk through Contracts and the outbox only");
        references.Should().NotContain("KVaccine.Host");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_project_references_only_building_blocks_and_contracts(string module)
    {
        var project = XDocument.Load(RepositoryFile($"src/Modules/{module}/KVaccine.Modules.{module}/KVaccine.Modules.{module}.csproj"));
        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();

        references.Should().OnlyContain(r => r == "KVaccine.BuildingBlocks" || r == "KVaccine.Pages" || r == "KVaccine.Grpc" || r.EndsWith(".Contracts"),
            "the shared parts of the inbound adapters (the pages' layout, headers and use-case adapter; the gRPC contract and status map) are the only other things a module may build on");
    }

    [Fact]
    public void The_shared_page_parts_know_no_module()
    {
        var project = XDocument.Load(RepositoryFile("src/KVaccine.Pages/KVaccine.Pages.csproj"));
        project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Should().OnlyContain(r => r == "KVaccine.BuildingBlocks");
        Assembly.Load("KVaccine.Pages").GetReferencedAssemblies().Should().NotContain(a => a.Name!.StartsWith("KVaccine.Modules."));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_s_pages_live_in_its_Pages_folder_and_call_its_use_cases_in_process(string module)
    {
        var pages = ModuleAssembly(module).GetTypes().Where(t => typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t)).ToList();
        if (module == "User") pages.Should().NotBeEmpty("the citizen's pages are the User module's");
        foreach (var page in pages)
        {
            page.Namespace.Should().Be($"KVaccine.Modules.{module}.Pages", "a module's pages sit together with the module, as its routes do");
            var dependencies = page.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
                .Concat(page.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.FieldType));
            dependencies.Should().NotContain(t => t == typeof(HttpClient) || t == typeof(IHttpClientFactory),
                "a page is an inbound adapter like a route: it sends the module's own requests through MediatR, never HTTP to the host");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_contracts_project_references_no_module_internals(string module)
    {
        var project = XDocument.Load(RepositoryFile($"src/Modules/{module}/KVaccine.Modules.{module}.Contracts/KVaccine.Modules.{module}.Contracts.csproj"));
        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();

        references.Should().OnlyContain(r => r == "KVaccine.BuildingBlocks" || r.EndsWith(".Contracts"));
        ContractsAssembly(module).GetReferencedAssemblies().Select(a => a.Name!)
            .Should().NotContain(r => r.StartsWith("KVaccine.Modules.") && !r.EndsWith(".Contracts"));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_exposes_nothing_but_its_registration(string module)
    {
        // Migrations are generated public; they are applied by the module's own context and carry nothing to call.
        ModuleAssembly(module).GetExportedTypes().Where(t => !typeof(Microsoft.EntityFrameworkCore.Migrations.Migration).IsAssignableFrom(t))
            .Should().ContainSingle()
            .Which.Should().Match(t => typeof(IModule).IsAssignableFrom(t), "everything else of a module is internal");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Contracts_hold_only_events_and_the_public_query(string module)
    {
        foreach (var type in ContractsAssembly(module).GetExportedTypes())
        {
            var isRecord = type.GetMethod("<Clone>$") is not null;
            var isStatic = type.IsAbstract && type.IsSealed;
            // Events, the public query (an interface and the records it returns), and static helpers (keys, reason codes).
            var crossesModules = typeof(IIntegrationEvent).IsAssignableFrom(type) || type.IsInterface || isRecord || isStatic;
            crossesModules.Should().BeTrue($"{type.FullName} should not be in a Contracts assembly");
            typeof(DbContext).IsAssignableFrom(type).Should().BeFalse();
            type.GetInterfaces().Should().NotContain(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>));
        }
    }

    [Fact]
    public void The_shared_contract_is_vocabulary_only_and_depends_on_nothing_of_ours()
    {
        var shared = Assembly.Load("KVaccine.Contracts");
        shared.GetReferencedAssemblies().Should().NotContain(a => a.Name!.StartsWith("KVaccine."), "every module's contracts may use it, so it uses none of them");
        shared.GetExportedTypes().Should().OnlyContain(t => t.IsEnum || (t.IsAbstract && t.IsSealed),
            "it holds the words every module shares (a booking's statuses, reasons, key), not events: those are their publisher's");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Every_route_of_a_module_is_a_slice_with_its_request_validated_and_handled_through_the_pipeline(string module)
    {
        var slices = ModuleAssembly(module).GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.GetMethod("Map", BindingFlags.Public | BindingFlags.Static, [typeof(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)]) is not null)
            .ToList();
        foreach (var slice in slices)
        {
            slice.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
                .Should().Contain(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)),
                    $"{slice.Name} maps a route beside the handler of its request, which MediatR calls through the validation behaviour");
        }
        if (module != "Reservation") slices.Should().NotBeEmpty("citizens reach Reservation only through User; every other module has routes");
    }

    [Fact]
    public void Every_module_is_composed_by_the_host_with_its_own_context()
    {
        var modules = typeof(Program).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("KVaccine.Modules.") && !a.Name.EndsWith(".Contracts"))
            .Select(a => a.Name!["KVaccine.Modules.".Length..]);
        modules.Should().BeEquivalentTo(Modules);
        foreach (var module in Modules)
        {
            var registration = (IModule)Activator.CreateInstance(ModuleAssembly(module).GetExportedTypes().Single(t => typeof(IModule).IsAssignableFrom(t)))!;
            registration.Name.Should().Be(module);
            registration.DbContextType.Should().BeAssignableTo<ModuleDbContext>();
            registration.DbContextType.Assembly.Should().BeSameAs(ModuleAssembly(module));
        }
    }

    internal static string RepositoryFile(string path)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KVaccine.sln"))) return Path.Combine(dir.FullName, path);
        }
        throw new FileNotFoundException("The repository root (KVaccine.sln) was not found.");
    }
}
