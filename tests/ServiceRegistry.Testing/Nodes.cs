using Microsoft.AspNetCore.Mvc.Testing;

namespace ServiceRegistry.Testing;

/// <summary>Several hosts on one database: the nodes of a deployment, or the same node started again.</summary>
public static class Nodes
{
    /// <summary>
    /// Another node on <paramref name="app"/>'s database: its own host and services (hosted services, caches, key ring),
    /// the same clock and settings, plus <paramref name="settings"/>. On PostgreSQL it also has its own data folder, as
    /// a node on another machine would; on SQLite the folder holds the database file, so the two share it.
    /// </summary>
    public static WebApplicationFactory<Program> AnotherNode(this RegistryApp app, string name = "node-b", params (string Key, string? Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            if (TestDatabase.IsPostgres)
            {
                var folder = Path.Combine(app.Settings["Registry:DataDirectory"]!, name);
                Directory.CreateDirectory(folder);
                builder.UseSetting("Registry:DataDirectory", folder);
            }

            builder.UseSetting("Registry:NodeId", name);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
