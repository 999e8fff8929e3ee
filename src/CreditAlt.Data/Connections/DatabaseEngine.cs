namespace CreditAlt.Data.Connections;

/// <summary>The database engines CreditAlt stores its data in.</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
    SqlServer,
}
