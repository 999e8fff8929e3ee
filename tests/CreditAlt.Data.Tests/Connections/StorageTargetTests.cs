using CreditAlt.Data.Connections;

namespace CreditAlt.Data.Tests.Connections;

public sealed class StorageTargetTests
{
    [Theory]
    [InlineData("sqlite:data/x.db", DatabaseEngine.Sqlite, "Data Source=data/x.db")]
    [InlineData("data/x.db", DatabaseEngine.Sqlite, "Data Source=data/x.db")]
    [InlineData("Data Source=x.db;Cache=Shared", DatabaseEngine.Sqlite, "Data Source=x.db;Cache=Shared")]
    [InlineData("postgres://alice:s%40cret@db.example:6543/credit?sslmode=Require", DatabaseEngine.Postgres,
        "Host=db.example;Port=6543;Username=alice;Password=s@cret;Database=credit;SSL Mode=Require")]
    [InlineData("postgresql://bob@localhost/credit", DatabaseEngine.Postgres, "Host=localhost;Port=5432;Username=bob;Database=credit")]
    [InlineData("Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres", DatabaseEngine.Postgres, "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres")]
    [InlineData("sqlserver:Server=tcp:sql,1433;Database=credit;User ID=sa;Password=x;TrustServerCertificate=True", DatabaseEngine.SqlServer,
        "Data Source=tcp:sql,1433;Initial Catalog=credit;User ID=sa;Password=x;Trust Server Certificate=True")]
    [InlineData("Server=sql;Database=credit;Integrated Security=true", DatabaseEngine.SqlServer, "Data Source=sql;Initial Catalog=credit;Integrated Security=True")]
    public void Parse_SupportedForms_EngineAndProviderString(string text, DatabaseEngine engine, string connectionString) =>
        Assert.Equal(new StorageTarget(engine, connectionString), StorageTarget.Parse(text));

    [Fact]
    public void Parse_Empty_DefaultSqliteFileUnderWorkingDirectory() =>
        Assert.Equal(new StorageTarget(DatabaseEngine.Sqlite, "Data Source=.creditalt/creditalt.db"), StorageTarget.Parse(null));

    [Fact]
    public void Parse_UnknownKeywords_FormatExceptionNamingTheForms()
    {
        var ex = Assert.Throws<FormatException>(() => StorageTarget.Parse("foo=bar;Password=hunter2"));

        Assert.Equal("cannot tell the database engine from 'foo=bar;Password=***': expected sqlite:PATH, Data Source=PATH, postgres://user@host:port/db, Host=...;Database=..., or sqlserver:Server=...", ex.Message);
    }

    [Fact]
    public void Describe_PostgresWithPassword_PasswordRedacted() =>
        Assert.Equal("Postgres: Host=h;Port=5432;Username=u;Password=***;Database=d", StorageTarget.Parse("postgres://u:pw@h/d").Describe());
}
