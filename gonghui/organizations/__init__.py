"""The federation tree (组织), departments (部室), posts (岗位) and the data scope built on them."""
