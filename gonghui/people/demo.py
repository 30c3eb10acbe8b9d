"""Demo people: the named people of the seeds plus generated members of every union."""

from gonghui.organizations.models import Post

from .generation import PersonFactory
from .models import Person

L = Person.ModelWorkerLevel

# (name, organisation, department or None, post, extra fields) — people named in the seeds.
NAMED = [
    ("寇武江", "河南省总工会", "办公室", "党组书记", {}),
    ("黄建中", "河南省总工会", "办公室", "副主席", {}),
    ("牛雪平", "河南省总工会", None, "职工", {"model_worker_level": L.NATIONAL}),
    ("张凤英", "河南省总工会", None, "职工", {"model_worker_level": L.NATIONAL}),
    ("郭玉霞", "河南省总工会", None, "职工", {"model_worker_level": L.PROVINCIAL}),
    ("王建华", "河南省总工会", "省总文明办", "主任", {}),
    ("李晓燕", "河南省总工会", "基层工作部", "联络员", {"is_liaison": True}),
    ("赵文博", "河南省总工会", "宣传教育部", "联络员", {"is_liaison": True}),
    ("谭红卫", "娄底市总工会", "办公室", "副主席", {}),
    ("谢晓明", "娄底市总工会", "女职工委员会", "党组成员", {}),
    ("肖建华", "娄底市总工会", None, "职工", {"is_needy": True}),
    ("张建华", "郑州市总工会", "组织宣传部", "部长", {"is_volunteer": True}),
]

LIAISON_DEPARTMENTS = [
    "省总政策研究室",
    "宣传教育部",
    "劳动和经济工作部",
    "基层工作部",
    "女职工部",
    "外事联络部",
    "直属单位党委",
]


def load(ctx) -> None:
    posts = {p.name: p for p in Post.objects.all()}
    factory = PersonFactory(ctx.rng)
    people: list[Person] = []
    for name, org_name, dept_name, post_name, extra in NAMED:
        org = ctx.org(org_name)
        person = factory.build(
            org,
            name=name,
            department=ctx.dept(org_name, dept_name) if dept_name else None,
            post=posts[post_name],
            **extra,
        )
        people.append(person)
        ctx.people[name] = person
    # Federation staff: a handful per department, one liaison each.
    for (org_name, dept_name), dept in ctx.departments.items():
        org = ctx.org(org_name)
        for i in range(ctx.rng.randint(3, 6)):
            is_liaison = i == 0 and dept_name != "办公室"
            people.append(
                factory.build(
                    org,
                    department=dept,
                    post=posts[
                        "联络员" if is_liaison else ctx.rng.choice(["科员", "副部长", "部长"])
                    ],
                    is_liaison=is_liaison,
                    is_volunteer=ctx.rng.random() < 0.4,
                )
            )
    # Members of every grassroots union.
    for org in ctx.grassroots:
        for i in range(ctx.rng.randint(5, 12)):
            r = ctx.rng.random()
            people.append(
                factory.build(
                    org,
                    post=posts["工会主席" if i == 0 else "职工"],
                    is_volunteer=r < 0.25,
                    is_needy=0.25 <= r < 0.30,
                    model_worker_level=ctx.rng.choice([L.CITY, L.PROVINCIAL, L.CRAFTSMAN])
                    if r > 0.985
                    else "",
                )
            )
    Person.objects.bulk_create(people, batch_size=1000)
    # Reload the named people so later apps hold saved rows with their ids.
    for name, person in list(ctx.people.items()):
        ctx.people[name] = Person.objects.get(id_number=person.id_number)
    ctx.notes.append(f"人员：{len(people)} 人")
