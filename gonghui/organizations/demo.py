"""Demo organisations from the seeds: 河南 (seeds 000, 003), 广元 (001), 安徽 (002), 娄底 (004)."""

from .generation import IdAllocator, finish_bulk, grassroots_name, new_node
from .models import Department, Organization, Post

K = Organization.Kind

# (name, kind, region, region code, children); children are the same shape.
TREE = (
    "中华全国总工会",
    K.NATIONAL,
    "全国",
    "100000",
    [
        (
            "河南省总工会",
            K.PROVINCIAL,
            "河南省",
            "410000",
            [
                ("河南省财贸轻纺烟草工会", K.STATIONED_INDUSTRY, "河南省", "410000", []),
                ("河南省国防邮电工会", K.STATIONED_INDUSTRY, "河南省", "410000", []),
                ("河南省煤矿工会", K.STATIONED_INDUSTRY, "河南省", "410000", []),
                (
                    "郑州市总工会",
                    K.CITY,
                    "郑州市",
                    "410100",
                    [
                        ("郑州市金水区总工会", K.COUNTY, "金水区", "410105", []),
                        ("郑州市二七区总工会", K.COUNTY, "二七区", "410103", []),
                        ("郑州市中原区总工会", K.COUNTY, "中原区", "410102", []),
                    ],
                ),
                (
                    "南阳市总工会",
                    K.CITY,
                    "南阳市",
                    "411300",
                    [
                        ("南阳市宛城区总工会", K.COUNTY, "宛城区", "411302", []),
                    ],
                ),
                (
                    "漯河市总工会",
                    K.CITY,
                    "漯河市",
                    "411100",
                    [
                        ("漯河市源汇区总工会", K.COUNTY, "源汇区", "411102", []),
                    ],
                ),
                (
                    "三门峡市总工会",
                    K.CITY,
                    "三门峡市",
                    "411200",
                    [
                        ("三门峡市湖滨区总工会", K.COUNTY, "湖滨区", "411202", []),
                    ],
                ),
                (
                    "鹤壁市总工会",
                    K.CITY,
                    "鹤壁市",
                    "410600",
                    [
                        ("鹤壁市淇滨区总工会", K.COUNTY, "淇滨区", "410611", []),
                    ],
                ),
                (
                    "新乡市总工会",
                    K.CITY,
                    "新乡市",
                    "410700",
                    [
                        ("新乡市红旗区总工会", K.COUNTY, "红旗区", "410702", []),
                    ],
                ),
            ],
        ),
        (
            "四川省总工会",
            K.PROVINCIAL,
            "四川省",
            "510000",
            [
                (
                    "广元市总工会",
                    K.CITY,
                    "广元市",
                    "510800",
                    [
                        ("广元市利州区总工会", K.COUNTY, "利州区", "510802", []),
                        ("广元市昭化区总工会", K.COUNTY, "昭化区", "510811", []),
                    ],
                ),
            ],
        ),
        ("安徽省总工会", K.PROVINCIAL, "安徽省", "340000", []),
        (
            "湖南省总工会",
            K.PROVINCIAL,
            "湖南省",
            "430000",
            [
                (
                    "娄底市总工会",
                    K.CITY,
                    "娄底市",
                    "431300",
                    [
                        ("冷水江市总工会", K.COUNTY, "冷水江市", "431381", []),
                        ("娄底市娄星区总工会", K.COUNTY, "娄星区", "431302", []),
                    ],
                ),
            ],
        ),
    ],
)

DEPARTMENTS = {
    # seed 000: the departments that reported at the May meeting, plus the office that runs it
    "河南省总工会": [
        "办公室",
        "省总文明办",
        "省总政策研究室",
        "宣传教育部",
        "劳动和经济工作部",
        "基层工作部",
        "女职工部",
        "外事联络部",
        "直属单位党委",
    ],
    "郑州市总工会": ["办公室", "组织宣传部", "权益保障部", "基层工作部", "女职工部"],
    "广元市总工会": ["办公室", "组宣部", "基层工作部", "权益保障部", "机关工会"],
    "安徽省总工会": ["办公室", "宣教部", "基层工作部", "经济技术部"],
    "娄底市总工会": ["办公室", "组宣部", "女职工委员会", "权益保障部", "创文办"],
    "冷水江市总工会": ["办公室", "志愿者服务队"],
}

POSTS = [
    ("党组书记", True),
    ("主席", True),
    ("常务副主席", True),
    ("副主席", True),
    ("党组成员", True),
    ("部长", True),
    ("副部长", False),
    ("主任", True),
    ("科员", False),
    ("联络员", False),
    ("工会主席", True),
    ("工会干事", False),
    ("职工", False),
]

# Grassroots unions generated under each county / city / industry union.
GRASSROOTS_PER_PARENT = {
    K.COUNTY: 24,
    K.CITY: 12,
    K.STATIONED_INDUSTRY: 10,
    K.PROVINCIAL: 0,
}


def load(ctx) -> None:
    for sort, (name, leader) in enumerate(POSTS):
        Post.objects.get_or_create(
            name=name, defaults={"is_leadership": leader, "sort_order": sort}
        )
    alloc = IdAllocator()
    nodes: list[Organization] = []

    def walk(spec, parent):
        name, kind, region, code, children = spec
        node = new_node(alloc, parent=parent, name=name, kind=kind, region=region, region_code=code)
        nodes.append(node)
        ctx.orgs[name] = node
        for index, child in enumerate(children):
            walk(child, node)
            ctx.orgs[child[0]].sort_order = index
        per_parent = GRASSROOTS_PER_PARENT.get(kind, 0)
        place = region if kind != K.STATIONED_INDUSTRY else ""
        for n in range(per_parent):
            gname = grassroots_name(ctx.rng, place, 0)
            while gname in ctx.orgs:
                gname = grassroots_name(ctx.rng, place, n + 1)
            grassroots = new_node(
                alloc,
                parent=node,
                name=gname,
                kind=K.GRASSROOTS,
                region=region,
                region_code=code,
                sort_order=100 + n,
            )
            nodes.append(grassroots)
            ctx.orgs[gname] = grassroots

    walk(TREE, None)
    Organization.objects.bulk_create(nodes, batch_size=500)
    finish_bulk([Organization])
    for org_name, names in DEPARTMENTS.items():
        org = ctx.orgs[org_name]
        for sort, dept_name in enumerate(names):
            dept = Department(organization=org, org_path=org.path, name=dept_name, sort_order=sort)
            dept.save()
            ctx.departments[(org_name, dept_name)] = dept
    ctx.grassroots = [o for o in nodes if o.kind == K.GRASSROOTS]
