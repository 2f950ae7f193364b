from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["mekar*", "flows*", "tasks*", "tooling*"])
    + ["mekar.sql", "mekar.templates"],
    package_dir={"mekar.sql": "sql", "mekar.templates": "templates"},
    package_data={"mekar.sql": ["*/*.sql", "*/*.md"], "mekar.templates": ["*.html", "*.txt"]},
)
