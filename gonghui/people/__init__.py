"""People (职工/干部): identity, employer, department, post and tags; sensitive fields masked."""
