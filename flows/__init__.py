"""IO and orchestration of newsetl: Prefect flows and tasks, the database, the command line."""
